package io.meridian.resolver.zone;

import io.meridian.resolver.wire.EncodedRRset;
import io.meridian.resolver.wire.Name;

/**
 * One record set of a {@link PolicyGroup}, compiled: its records pre-encoded (or, for an alias,
 * where it points), its health-table slot, and the routing facts selection needs.
 */
final class Candidate {
    final String setIdentifier;
    /** Null for an alias. */
    final EncodedRRset rrset;
    /** For a CNAME set, where it points; else null. */
    final CnameTarget cname;
    /** Set after linking, as for plain RRsets: A/AAAA of in-zone MX, SRV targets. */
    AdditionalTarget[] additional;
    final int healthSlot;
    /** For an alias: the target name (lower-case wire) and whether its health counts; else null. */
    final Name aliasTarget;
    final boolean evaluateTargetHealth;
    final long weight;
    final boolean secondary;

    Candidate(String setIdentifier, EncodedRRset rrset, CnameTarget cname, int healthSlot, Name aliasTarget,
              boolean evaluateTargetHealth, long weight, boolean secondary) {
        this.setIdentifier = setIdentifier;
        this.rrset = rrset;
        this.cname = cname;
        this.healthSlot = healthSlot;
        this.aliasTarget = aliasTarget;
        this.evaluateTargetHealth = evaluateTargetHealth;
        this.weight = weight;
        this.secondary = secondary;
    }
}
