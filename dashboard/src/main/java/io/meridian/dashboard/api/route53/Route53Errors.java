package io.meridian.dashboard.api.route53;

import java.util.Map;

/** The HTTP status Route 53 answers each error code with (ROUTE53.md §1.8). */
final class Route53Errors {
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("NoSuchCidrCollectionException", 404),
            Map.entry("NoSuchCidrLocationException", 404),
            Map.entry("CidrCollectionVersionMismatchException", 409),
            Map.entry("CidrCollectionAlreadyExistsException", 400),
            Map.entry("NoSuchHostedZone", 404),
            Map.entry("NoSuchChange", 404),
            Map.entry("NoSuchHealthCheck", 404),
            Map.entry("HealthCheckAlreadyExists", 409),
            Map.entry("HealthCheckVersionMismatch", 409),
            Map.entry("HostedZoneAlreadyExists", 409),
            Map.entry("InvalidDomainName", 400),
            Map.entry("InvalidInput", 400),
            Map.entry("ConflictingDomainExists", 400),
            Map.entry("HostedZoneNotEmpty", 400));

    private Route53Errors() {
    }

    static int status(String code) {
        return STATUS.getOrDefault(code, 400);
    }
}
