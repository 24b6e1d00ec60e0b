package io.meridian.dashboard.api.route53;

import java.util.Map;

/** The HTTP status Route 53 answers each error code with (ROUTE53.md §1.8). */
final class Route53Errors {
    private static final Map<String, Integer> STATUS = Map.of(
            "NoSuchHostedZone", 404,
            "NoSuchChange", 404,
            "NoSuchHealthCheck", 404,
            "HealthCheckAlreadyExists", 409,
            "HealthCheckVersionMismatch", 409,
            "HostedZoneAlreadyExists", 409,
            "InvalidDomainName", 400,
            "InvalidInput", 400,
            "ConflictingDomainExists", 400,
            "HostedZoneNotEmpty", 400);

    private Route53Errors() {
    }

    static int status(String code) {
        return STATUS.getOrDefault(code, 400);
    }
}
