package io.meridian.resolver.zone;

import io.meridian.resolver.geo.Places;
import io.meridian.resolver.wire.Name;
import org.xbill.DNS.Record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a zone's routed record sets into {@link PolicyGroup}s on their nodes: one group per
 * name and type, candidates ordered by SetIdentifier, records pre-encoded as plain RRsets are,
 * health checks turned into table slots and CIDR locations into a {@link io.meridian.resolver.geo.PrefixTable}.
 */
final class PolicyCompiler {
    private PolicyCompiler() {
    }

    /** The routed sets by owner and type, in a stable order. */
    static Map<String, List<RecordSet>> byNameAndType(List<RecordSet> routed) {
        Map<String, List<RecordSet>> groups = new LinkedHashMap<>();
        for (RecordSet s : routed) {
            groups.computeIfAbsent(s.name().toString().toLowerCase(Locale.ROOT) + " " + s.type(), k -> new ArrayList<>()).add(s);
        }
        groups.values().forEach(g -> g.sort(Comparator.comparing(s -> s.setIdentifier() == null ? "" : s.setIdentifier())));
        return groups;
    }

    static PolicyGroup compile(List<RecordSet> sets, org.xbill.DNS.Name origin, RoutingContext context) {
        RecordSet first = sets.get(0);
        int kind = kind(first.routing());
        Candidate[] candidates = new Candidate[sets.size()];
        io.meridian.resolver.geo.PrefixTable.Builder cidr = kind == PolicyGroup.IP_BASED ? new io.meridian.resolver.geo.PrefixTable.Builder() : null;
        int defaultCandidate = -1;
        Places places = Places.get();
        int[] byCountry = new int[places.size()];
        int[] byContinent = new int[Places.CONTINENTS.size()];
        java.util.Arrays.fill(byCountry, -1);
        java.util.Arrays.fill(byContinent, -1);
        double[] latitude = new double[sets.size()];
        double[] longitude = new double[sets.size()];
        int[] bias = new int[sets.size()];
        int[] region = new int[sets.size()];
        List<Integer> subCountry = new ArrayList<>();
        List<String> subCode = new ArrayList<>();
        List<Integer> subCandidate = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            RecordSet s = sets.get(i);
            candidates[i] = candidate(s, origin, context);
            double[] at = coordinates(s.routing());
            latitude[i] = at[0];
            longitude[i] = at[1];
            bias[i] = s.routing() instanceof RoutingPolicy.Geoproximity g && g.bias() != null ? g.bias() : 0;
            region[i] = s.routing() instanceof RoutingPolicy.Latency l ? places.regionIndex(l.region()) : -1;
            if (s.routing() instanceof RoutingPolicy.Geolocation g && g.subdivisionCode() != null
                    && places.country(g.countryCode()) >= 0) {
                subCountry.add(places.country(g.countryCode()));
                subCode.add(g.subdivisionCode().intern());
                subCandidate.add(i);
            } else if (s.routing() instanceof RoutingPolicy.Geolocation g && g.subdivisionCode() == null) {
                if (g.continentCode() != null) {
                    byContinent[Places.CONTINENTS.indexOf(g.continentCode())] = i;
                } else if (!"*".equals(g.countryCode()) && places.country(g.countryCode()) >= 0) {
                    byCountry[places.country(g.countryCode())] = i;
                }
            }
            if (s.routing() instanceof RoutingPolicy.IpBased ip) {
                if (ip.locationName().equals("*")) {
                    defaultCandidate = i;
                } else {
                    for (String block : context.cidrBlocks(ip.collectionId(), ip.locationName())) {
                        cidr.add(block, i);
                    }
                }
            } else if (s.routing() instanceof RoutingPolicy.Geolocation g && "*".equals(g.countryCode())) {
                defaultCandidate = i;
            }
        }
        return new PolicyGroup(first.type(), kind, candidates, context.health(), cidr == null ? null : cidr.build(), defaultCandidate,
                context.geo(), byCountry, byContinent, subCountry.stream().mapToInt(Integer::intValue).toArray(),
                subCode.toArray(new String[0]), subCandidate.stream().mapToInt(Integer::intValue).toArray(),
                latitude, longitude, bias, region);
    }

    /** A latency region's or a geoproximity location's coordinates; NaN when there are none (local zone groups). */
    private static double[] coordinates(RoutingPolicy p) {
        double[] none = {Double.NaN, Double.NaN};
        if (p instanceof RoutingPolicy.Latency l) {
            double[] r = Places.get().region(l.region());
            return r == null ? none : r;
        }
        if (p instanceof RoutingPolicy.Geoproximity g) {
            if (g.awsRegion() != null) {
                double[] r = Places.get().region(g.awsRegion());
                return r == null ? none : r;
            }
            if (g.latitude() != null) {
                return new double[] {Double.parseDouble(g.latitude()), Double.parseDouble(g.longitude())};
            }
        }
        return none;
    }

    private static Candidate candidate(RecordSet s, org.xbill.DNS.Name origin, RoutingContext context) {
        int slot = s.healthCheckId() == null ? -1 : context.healthSlot(s.healthCheckId());
        long weight = s.routing() instanceof RoutingPolicy.Weighted w ? w.weight() : 0;
        boolean secondary = s.routing() instanceof RoutingPolicy.Failover f && f.role().equals("SECONDARY");
        if (s.alias() != null) {
            return new Candidate(s.setIdentifier(), null, null, slot, Name.of(s.alias().dnsName().toWireCanonical()),
                    s.alias().evaluateTargetHealth(), weight, secondary);
        }
        List<Record> records = new ArrayList<>(s.records());
        ZoneCompiler.sortCanonically(records);
        return new Candidate(s.setIdentifier(), ZoneCompiler.encode(records, s.ttl()), ZoneCompiler.cnameTarget(records, origin),
                slot, null, false, weight, secondary);
    }

    private static int kind(RoutingPolicy p) {
        if (p == null) {
            return PolicyGroup.SIMPLE;
        } else if (p instanceof RoutingPolicy.Weighted) {
            return PolicyGroup.WEIGHTED;
        } else if (p instanceof RoutingPolicy.Failover) {
            return PolicyGroup.FAILOVER;
        } else if (p instanceof RoutingPolicy.MultiValue) {
            return PolicyGroup.MULTIVALUE;
        } else if (p instanceof RoutingPolicy.IpBased) {
            return PolicyGroup.IP_BASED;
        } else if (p instanceof RoutingPolicy.Geolocation) {
            return PolicyGroup.GEOLOCATION;
        } else if (p instanceof RoutingPolicy.Latency) {
            return PolicyGroup.LATENCY;
        }
        return PolicyGroup.GEOPROXIMITY;
    }
}
