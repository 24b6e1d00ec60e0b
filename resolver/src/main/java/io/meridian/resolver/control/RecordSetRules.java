package io.meridian.resolver.control;

import io.meridian.resolver.zone.RoutingPolicy;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a single ResourceRecordSet must meet on its own, before any zone is looked at
 * (ROUTE53.md §1.2, §1.3): the members present, their formats and ranges. A breach is Route 53's
 * InvalidInput and refuses the request at once; rules that need the zone live in {@link ChangeBatch}.
 * The sets of allowed values are public so that forms offer exactly what the rules accept.
 */
public final class RecordSetRules {
    /** The types Route 53 takes (ROUTE53.md §1.2). */
    public static final Set<String> TYPES = Set.of("SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA",
            "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS");
    /** Types a weighted, latency, geolocation, failover, IP-based or geoproximity set may have. */
    private static final Set<String> ROUTED_TYPES = Set.of("A", "AAAA", "CAA", "CNAME", "MX", "NAPTR", "PTR", "SPF", "SRV",
            "TXT", "TLSA", "SSHFP", "SVCB", "HTTPS");
    private static final Set<String> MULTIVALUE_TYPES = Set.of("A", "AAAA", "MX", "NAPTR", "PTR", "SPF", "SRV", "TXT", "CAA",
            "TLSA", "SSHFP", "SVCB", "HTTPS");
    /** Route 53's latency regions (the API's ResourceRecordSetRegion). */
    public static final Set<String> REGIONS = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
            "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-east-1", "ap-east-2", "ap-south-1",
            "ap-south-2", "sa-east-1", "cn-north-1", "cn-northwest-1", "me-south-1", "me-central-1", "af-south-1",
            "il-central-1", "mx-central-1", "us-gov-east-1", "us-gov-west-1", "eusc-de-east-1");
    public static final Set<String> CONTINENTS = Set.of("AF", "AN", "AS", "EU", "OC", "NA", "SA");
    /** Countries Route 53 does not route on (ROUTE53.md §1.4). */
    private static final Set<String> UNSUPPORTED_COUNTRIES = Set.of("BV", "CX", "EH", "HM");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}");
    static final Pattern LOCATION_NAME = Pattern.compile("[0-9A-Za-z_\\-*]{1,16}");
    private static final Pattern LATITUDE = Pattern.compile("[-+]?[0-9]{1,2}(\\.[0-9]{0,2})?");
    private static final Pattern LONGITUDE = Pattern.compile("[-+]?[0-9]{1,3}(\\.[0-9]{0,2})?");

    private RecordSetRules() {
    }

    static void check(String action, ResourceRecordSet s) throws ControlException {
        String where = "in Change with [Action=" + action + ", Name=" + s.name() + ", Type=" + s.type()
                + ", SetIdentifier=" + s.setIdentifier() + "]";
        if (!Set.of("CREATE", "DELETE", "UPSERT").contains(action)) {
            throw invalid("Invalid request: Action must be one of [CREATE, DELETE, UPSERT], got '" + action + "' " + where);
        }
        if (s.name() == null || s.name().isEmpty() || s.name().length() > 1024) {
            throw invalid("Invalid request: Name must be 1 to 1024 characters long " + where);
        }
        if (!TYPES.contains(s.type())) {
            throw invalid("Invalid request: Type must be one of " + new java.util.TreeSet<>(TYPES) + ", got '" + s.type() + "' " + where);
        }
        boolean records = s.ttl() != null && !s.values().isEmpty();
        if (s.alias() == null && !records || s.alias() != null && (s.ttl() != null || !s.values().isEmpty())) {
            throw invalid("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                    + " TrafficPolicyInstanceId], but found " + (s.alias() == null ? "none" : "more than one") + " " + where);
        }
        if (s.routing() != null && s.setIdentifier() == null) {
            throw invalid("Invalid request: Missing field 'SetIdentifier' " + where);
        }
        if (s.setIdentifier() != null && s.routing() == null) {
            throw invalid("Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer,"
                    + " GeoProximityLocation, or CidrRoutingConfig], but found none " + where);
        }
        if (s.setIdentifier() != null && (s.setIdentifier().isEmpty() || s.setIdentifier().length() > 128)) {
            throw invalid("Invalid request: SetIdentifier must be 1 to 128 characters long " + where);
        }
        if (s.healthCheckId() != null && (s.healthCheckId().isEmpty() || s.healthCheckId().length() > 64)) {
            throw invalid("Invalid request: HealthCheckId must be 1 to 64 characters long " + where);
        }
        if (s.ttl() != null && (s.ttl() < 0 || s.ttl() > 2_147_483_647L)) {
            throw invalid("Invalid request: TTL must be between 0 and 2147483647, got " + s.ttl() + " " + where);
        }
        for (String v : s.values()) {
            if (v.length() > 4000) {
                throw invalid("Invalid request: a ResourceRecord Value is at most 4000 characters long " + where);
            }
        }
        if (s.alias() != null) {
            checkAlias(s, where);
        }
        if (s.routing() != null) {
            checkRouting(s, where);
        }
    }

    private static void checkAlias(ResourceRecordSet s, String where) throws ControlException {
        ResourceRecordSet.Alias a = s.alias();
        if (a.hostedZoneId() == null || a.hostedZoneId().isEmpty() || a.hostedZoneId().length() > 32) {
            throw invalid("Invalid request: AliasTarget HostedZoneId must be 1 to 32 characters long " + where);
        }
        if (a.dnsName() == null || a.dnsName().isEmpty() || a.dnsName().length() > 1024) {
            throw invalid("Invalid request: AliasTarget DNSName must be 1 to 1024 characters long " + where);
        }
        if (s.type().equals("NS") || s.type().equals("SOA")) {
            throw invalid("Invalid request: an alias record set cannot have type " + s.type() + " " + where);
        }
        if (s.routing() instanceof RoutingPolicy.MultiValue) {
            throw invalid("Invalid request: a multivalue answer record set cannot be an alias " + where);
        }
    }

    private static void checkRouting(ResourceRecordSet s, String where) throws ControlException {
        RoutingPolicy r = s.routing();
        Set<String> types = r instanceof RoutingPolicy.MultiValue ? MULTIVALUE_TYPES : ROUTED_TYPES;
        if (!types.contains(s.type())) {
            throw invalid("Invalid request: a " + r.word() + " record set cannot have type " + s.type() + " " + where);
        }
        if (r instanceof RoutingPolicy.Weighted w && (w.weight() < 0 || w.weight() > 255)) {
            throw invalid("Invalid request: Weight must be between 0 and 255, got " + w.weight() + " " + where);
        } else if (r instanceof RoutingPolicy.Latency l && !REGIONS.contains(l.region())) {
            throw invalid("Invalid request: '" + l.region() + "' is not a Route 53 latency Region " + where);
        } else if (r instanceof RoutingPolicy.Failover f && !Set.of("PRIMARY", "SECONDARY").contains(f.role())) {
            throw invalid("Invalid request: Failover must be PRIMARY or SECONDARY, got '" + f.role() + "' " + where);
        } else if (r instanceof RoutingPolicy.Geolocation g) {
            checkGeolocation(g, where);
        } else if (r instanceof RoutingPolicy.IpBased c) {
            if (c.collectionId() == null || !UUID.matcher(c.collectionId()).matches()) {
                throw invalid("Invalid request: CidrRoutingConfig CollectionId must be a collection Id (a UUID) " + where);
            }
            if (c.locationName() == null || !LOCATION_NAME.matcher(c.locationName()).matches()) {
                throw invalid("Invalid request: CidrRoutingConfig LocationName must be 1 to 16 of [0-9A-Za-z_-*] " + where);
            }
        } else if (r instanceof RoutingPolicy.Geoproximity g) {
            checkGeoproximity(g, where);
        }
    }

    private static void checkGeolocation(RoutingPolicy.Geolocation g, String where) throws ControlException {
        if (g.continentCode() != null && (g.countryCode() != null || g.subdivisionCode() != null)) {
            throw invalid("Invalid request: GeoLocation takes a ContinentCode or a CountryCode (with an optional"
                    + " SubdivisionCode), not both " + where);
        }
        if (g.continentCode() == null && g.countryCode() == null) {
            throw invalid("Invalid request: GeoLocation needs a ContinentCode or a CountryCode " + where);
        }
        if (g.continentCode() != null && !CONTINENTS.contains(g.continentCode())) {
            throw invalid("Invalid request: '" + g.continentCode() + "' is not a continent code; use one of "
                    + new java.util.TreeSet<>(CONTINENTS) + " " + where);
        }
        if (g.countryCode() != null && !g.countryCode().matches("\\*|[A-Z]{2}")) {
            throw invalid("Invalid request: CountryCode must be an ISO 3166-1 alpha-2 code or *, got '" + g.countryCode() + "' " + where);
        }
        if (g.countryCode() != null && UNSUPPORTED_COUNTRIES.contains(g.countryCode())) {
            throw invalid("Invalid request: Route 53 does not route on CountryCode " + g.countryCode() + " " + where);
        }
        if (g.subdivisionCode() != null && (g.countryCode() == null || g.countryCode().equals("*")
                || !g.subdivisionCode().matches("[0-9A-Z]{1,3}"))) {
            throw invalid("Invalid request: SubdivisionCode needs a CountryCode and is 1 to 3 letters or digits " + where);
        }
    }

    private static void checkGeoproximity(RoutingPolicy.Geoproximity g, String where) throws ControlException {
        int given = (g.awsRegion() != null ? 1 : 0) + (g.localZoneGroup() != null ? 1 : 0)
                + (g.latitude() != null || g.longitude() != null ? 1 : 0);
        if (given != 1) {
            throw invalid("Invalid request: GeoProximityLocation takes exactly one of AWSRegion, LocalZoneGroup or"
                    + " Coordinates " + where);
        }
        if (g.awsRegion() != null && !REGIONS.contains(g.awsRegion())) {
            throw invalid("Invalid request: '" + g.awsRegion() + "' is not an AWS Region " + where);
        }
        if (g.localZoneGroup() != null && (g.localZoneGroup().isEmpty() || g.localZoneGroup().length() > 64)) {
            throw invalid("Invalid request: LocalZoneGroup must be 1 to 64 characters long " + where);
        }
        if (g.latitude() != null || g.longitude() != null) {
            if (g.latitude() == null || g.longitude() == null || !LATITUDE.matcher(g.latitude()).matches()
                    || !LONGITUDE.matcher(g.longitude()).matches() || Math.abs(Double.parseDouble(g.latitude())) > 90
                    || Math.abs(Double.parseDouble(g.longitude())) > 180) {
                throw invalid("Invalid request: Coordinates need a Latitude (-90 to 90) and a Longitude (-180 to 180),"
                        + " each with at most two decimals " + where);
            }
        }
        if (g.bias() != null && (g.bias() < -99 || g.bias() > 99)) {
            throw invalid("Invalid request: Bias must be between -99 and 99, got " + g.bias() + " " + where);
        }
    }

    private static ControlException invalid(String message) {
        return new ControlException("InvalidInput", message);
    }

    /** For messages: "[name='x.', type='A']" or with the set identifier, as Route 53 prints a set. */
    static String shown(String name, String type, String setIdentifier) {
        return "[name='" + name + "', type='" + type + "'" + (setIdentifier == null ? "" : ", set-identifier='" + setIdentifier + "'") + "]";
    }
}
