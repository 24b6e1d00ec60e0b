package io.meridian.resolver.zone;

import io.meridian.resolver.wire.Name;

/** Where a CNAME points, parsed once at compile time so following a chain allocates nothing. */
final class CnameTarget {
    final Name name;
    /** The target's labels above the apex in the CNAME's own case; null when outside the zone. */
    final byte[] ownerPrefix;

    CnameTarget(Name name, byte[] ownerPrefix) {
        this.name = name;
        this.ownerPrefix = ownerPrefix;
    }
}
