package io.meridian.resolver.control;

import java.util.List;
import java.util.Set;

/**
 * A health check's configuration as the Route 53 API gives it (ROUTE53.md §1.10), with its
 * defaults filled in by {@link #validated}. The health package probes it.
 */
public record HealthCheckConfig(String type, String ipAddress, Integer port, String resourcePath,
                                String fullyQualifiedDomainName, String searchString, int requestInterval,
                                int failureThreshold, boolean measureLatency, boolean inverted, boolean disabled,
                                Integer healthThreshold, List<String> childHealthChecks, Boolean enableSni,
                                List<String> regions) {

    static final Set<String> TYPES = Set.of("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP", "CALCULATED");
    static final Set<String> REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1",
            "ap-southeast-2", "ap-northeast-1", "sa-east-1");

    /** This configuration with Route 53's defaults, or the first rule it breaks. */
    HealthCheckConfig validated(java.util.function.IntPredicate intervalAllowed) throws ControlException {
        if (type == null || !TYPES.contains(type)) {
            throw invalid("Type must be one of " + TYPES + (type == null ? "" : "; CLOUDWATCH_METRIC and RECOVERY_CONTROL"
                    + " need AWS services this appliance does not have") + ", got " + type);
        }
        if (!intervalAllowed.test(requestInterval)) {
            throw invalid("RequestInterval must be 10 or 30, got " + requestInterval);
        }
        if (failureThreshold < 1 || failureThreshold > 10) {
            throw invalid("FailureThreshold must be between 1 and 10, got " + failureThreshold);
        }
        boolean strMatch = type.endsWith("_STR_MATCH");
        if (strMatch && (searchString == null || searchString.isEmpty() || searchString.length() > 255)) {
            throw invalid("SearchString is required for " + type + " and may be at most 255 characters");
        }
        if (!strMatch && searchString != null) {
            throw invalid("SearchString applies only to HTTP_STR_MATCH and HTTPS_STR_MATCH health checks");
        }
        if ("CALCULATED".equals(type)) {
            return calculated();
        }
        if (healthThreshold != null || (childHealthChecks != null && !childHealthChecks.isEmpty())) {
            throw invalid("HealthThreshold and ChildHealthChecks apply only to CALCULATED health checks");
        }
        if (ipAddress == null && fullyQualifiedDomainName == null) {
            throw invalid("A " + type + " health check needs IPAddress or FullyQualifiedDomainName");
        }
        if (ipAddress != null && (ipAddress.length() > 45 || !isIpLiteral(ipAddress))) {
            throw invalid("IPAddress must be an IPv4 or IPv6 address, got " + ipAddress);
        }
        if (fullyQualifiedDomainName != null && fullyQualifiedDomainName.length() > 255) {
            throw invalid("FullyQualifiedDomainName may be at most 255 characters");
        }
        if (resourcePath != null && (resourcePath.length() > 255 || "TCP".equals(type))) {
            throw invalid("ResourcePath may be at most 255 characters and does not apply to TCP health checks");
        }
        Integer p = port;
        if (p == null) {
            if ("TCP".equals(type)) {
                throw invalid("Port is required for TCP health checks");
            }
            p = type.startsWith("HTTPS") ? 443 : 80;
        }
        if (p < 1 || p > 65535) {
            throw invalid("Port must be between 1 and 65535, got " + p);
        }
        if (regions != null && !regions.isEmpty() && (regions.size() < 3 || !REGIONS.containsAll(regions))) {
            throw invalid("Regions must list 3 or more of " + REGIONS);
        }
        return new HealthCheckConfig(type, ipAddress, p, resourcePath, fullyQualifiedDomainName, searchString, requestInterval,
                failureThreshold, measureLatency, inverted, disabled, null, List.of(),
                enableSni != null ? enableSni : type.startsWith("HTTPS"), regions == null ? List.of() : List.copyOf(regions));
    }

    private HealthCheckConfig calculated() throws ControlException {
        if (ipAddress != null || port != null || fullyQualifiedDomainName != null || resourcePath != null) {
            throw invalid("IPAddress, Port, FullyQualifiedDomainName and ResourcePath do not apply to CALCULATED health checks");
        }
        List<String> children = childHealthChecks == null ? List.of() : List.copyOf(childHealthChecks);
        if (children.size() > 256) {
            throw invalid("A CALCULATED health check may have at most 256 ChildHealthChecks");
        }
        int threshold = healthThreshold == null ? 0 : healthThreshold;
        if (threshold < 0 || threshold > 256) {
            throw invalid("HealthThreshold must be between 0 and 256, got " + threshold);
        }
        return new HealthCheckConfig(type, null, null, null, null, null, requestInterval, failureThreshold, measureLatency,
                inverted, disabled, threshold, children, null, List.of());
    }

    private static boolean isIpLiteral(String s) {
        return io.meridian.resolver.geo.IpLiteral.parse(s) != null;
    }

    private static ControlException invalid(String message) {
        return new ControlException("InvalidInput", message);
    }
}
