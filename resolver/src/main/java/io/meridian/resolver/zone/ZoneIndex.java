package io.meridian.resolver.zone;

import io.meridian.resolver.wire.Name;
import io.meridian.resolver.wire.Types;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All zones being served, found by longest matching suffix. Immutable: a change builds a new
 * index and publishes it with one volatile write, so a query sees all of a change or none.
 */
public final class ZoneIndex {
    public static final ZoneIndex EMPTY = new ZoneIndex(List.of());

    private final NameTable<ServingZone> zones;
    /** By lower-case origin. */
    private final Map<String, ServingZone> byOrigin = new TreeMap<>();

    public ZoneIndex(Collection<ServingZone> zoneList) {
        zones = new NameTable<>(Math.max(1, zoneList.size()));
        for (ServingZone z : zoneList) {
            zones.put(z.apexLower, z);
            byOrigin.put(key(z.origin), z);
        }
    }

    /** The zone that answers for {@code name}, or null when none does (REFUSED). */
    public ServingZone find(Name name, int qtype) {
        int labels = name.labelCount();
        for (int i = 0; i <= labels; i++) {
            ServingZone z = zones.get(name, i);
            if (z != null) {
                if (i == 0 && qtype == Types.DS) {
                    // A DS query for a zone apex belongs to the parent zone when we host it too.
                    for (int j = 1; j <= labels; j++) {
                        ServingZone parent = zones.get(name, j);
                        if (parent != null) {
                            return parent;
                        }
                    }
                }
                return z;
            }
        }
        return null;
    }

    public ZoneIndex with(ServingZone zone) {
        Map<String, ServingZone> next = new TreeMap<>(byOrigin);
        next.put(key(zone.origin), zone);
        return new ZoneIndex(next.values());
    }

    public ZoneIndex without(String origin) {
        Map<String, ServingZone> next = new TreeMap<>(byOrigin);
        next.remove(key(origin));
        return new ZoneIndex(next.values());
    }

    public ServingZone zone(String origin) {
        return byOrigin.get(key(origin));
    }

    /** Zones are one per name whatever the case their origin was written in (a file's, the store's lower case). */
    private static String key(String origin) {
        return origin.toLowerCase(java.util.Locale.ROOT);
    }
}
