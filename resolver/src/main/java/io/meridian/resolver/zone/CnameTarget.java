package io.meridian.resolver.zone;

import io.meridian.resolver.wire.Name;

/** Where a CNAME points, parsed once at compile time so following a chain allocates nothing. */
final class CnameTarget {
    final Name name;
    /** The target in uncompressed wire form, in the CNAME's own case; null when outside the zone. */
    final byte[] ownerWire;

    CnameTarget(Name name, byte[] ownerWire) {
        this.name = name;
        this.ownerWire = ownerWire;
    }
}
