package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health-check CRUD through the real AWS SDK, with Route 53's defaults and validation. */
class Route53HealthChecksTest {
    static ApiTestServer server;
    static Route53Client r53;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
        r53 = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static CreateHealthCheckResponse http(String ref, String ip) {
        return r53.createHealthCheck(b -> b.callerReference(ref).healthCheckConfig(c -> c.type(HealthCheckType.HTTP)
                .ipAddress(ip).resourcePath("/health")));
    }

    @Test
    void aNewCheckGetsRoute53sDefaultsAndCanBeReadBack() {
        CreateHealthCheckResponse created = http("hc-defaults", "127.0.2.10");
        HealthCheck hc = created.healthCheck();
        assertEquals(80, hc.healthCheckConfig().port());
        assertEquals(30, hc.healthCheckConfig().requestInterval());
        assertEquals(3, hc.healthCheckConfig().failureThreshold());
        assertEquals(1L, hc.healthCheckVersion());
        assertTrue(created.location().endsWith("/healthcheck/" + hc.id()), created.location());
        assertEquals("/health", r53.getHealthCheck(b -> b.healthCheckId(hc.id())).healthCheck().healthCheckConfig().resourcePath());
    }

    @Test
    void theSameCallerReferenceIsIdempotentOnlyForTheSameConfig() {
        String first = http("hc-idem", "127.0.2.11").healthCheck().id();
        assertEquals(first, http("hc-idem", "127.0.2.11").healthCheck().id());
        HealthCheckAlreadyExistsException e = assertThrows(HealthCheckAlreadyExistsException.class, () -> http("hc-idem", "127.0.2.12"));
        assertEquals(409, e.statusCode());
    }

    @Test
    void invalidConfigsAreRefusedWithInvalidInput() {
        for (var bad : List.<Runnable>of(
                () -> r53.createHealthCheck(b -> b.callerReference("bad-1").healthCheckConfig(c -> c.type(HealthCheckType.TCP).ipAddress("192.0.2.1"))),
                () -> r53.createHealthCheck(b -> b.callerReference("bad-2").healthCheckConfig(c -> c.type(HealthCheckType.HTTP_STR_MATCH).ipAddress("192.0.2.1"))),
                () -> r53.createHealthCheck(b -> b.callerReference("bad-3").healthCheckConfig(c -> c.type(HealthCheckType.HTTP).ipAddress("192.0.2.1").failureThreshold(11))),
                () -> r53.createHealthCheck(b -> b.callerReference("bad-4").healthCheckConfig(c -> c.type(HealthCheckType.HTTP).ipAddress("not-an-ip"))),
                () -> r53.createHealthCheck(b -> b.callerReference("bad-5").healthCheckConfig(c -> c.type(HealthCheckType.HTTPS).fullyQualifiedDomainName("x.example").requestInterval(20))))) {
            Route53Exception e = assertThrows(Route53Exception.class, bad::run);
            assertEquals("InvalidInput", e.awsErrorDetails().errorCode(), e.getMessage());
        }
    }

    @Test
    void calculatedChecksNeedExistingNonCalculatedChildren() {
        String child = http("hc-child", "127.0.2.20").healthCheck().id();
        HealthCheck calc = r53.createHealthCheck(b -> b.callerReference("hc-calc").healthCheckConfig(c -> c.type(HealthCheckType.CALCULATED)
                .childHealthChecks(child).healthThreshold(1))).healthCheck();
        assertEquals(List.of(child), calc.healthCheckConfig().childHealthChecks());
        assertThrows(NoSuchHealthCheckException.class, () -> r53.createHealthCheck(b -> b.callerReference("hc-calc-2")
                .healthCheckConfig(c -> c.type(HealthCheckType.CALCULATED).childHealthChecks("no-such-check"))));
    }

    @Test
    void updatesAreVersionedAndKeepWhatTheyDoNotTouch() {
        String id = http("hc-update", "127.0.2.40").healthCheck().id();
        HealthCheck updated = r53.updateHealthCheck(b -> b.healthCheckId(id).healthCheckVersion(1L).failureThreshold(5)
                .resetElementsWithStrings("ResourcePath")).healthCheck();
        assertEquals(2L, updated.healthCheckVersion());
        assertEquals(5, updated.healthCheckConfig().failureThreshold());
        assertEquals(null, updated.healthCheckConfig().resourcePath());
        assertEquals("127.0.2.40", updated.healthCheckConfig().ipAddress());
        assertEquals(80, updated.healthCheckConfig().port());
        Route53Exception stale = assertThrows(Route53Exception.class,
                () -> r53.updateHealthCheck(b -> b.healthCheckId(id).healthCheckVersion(1L).failureThreshold(2)));
        assertEquals(409, stale.statusCode());
        assertEquals("HealthCheckVersionMismatch", stale.awsErrorDetails().errorCode());
        Route53Exception bad = assertThrows(Route53Exception.class,
                () -> r53.updateHealthCheck(b -> b.healthCheckId(id).failureThreshold(42)));
        assertEquals("InvalidInput", bad.awsErrorDetails().errorCode());
        assertEquals(2L, r53.getHealthCheck(b -> b.healthCheckId(id)).healthCheck().healthCheckVersion());
    }

    @Test
    void checksAreListedCountedTaggedAndDeleted() {
        String id = http("hc-list", "127.0.2.30").healthCheck().id();
        assertTrue(r53.listHealthChecks().healthChecks().stream().anyMatch(h -> h.id().equals(id)));
        long count = r53.getHealthCheckCount().healthCheckCount();
        var paged = r53.listHealthChecksPaginator(b -> b.maxItems("1")).healthChecks().stream().count();
        assertEquals(count, paged);
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id)
                .addTags(Tag.builder().key("service").value("web").build()));
        assertEquals("web", r53.listTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id))
                .resourceTagSet().tags().get(0).value());
        r53.deleteHealthCheck(b -> b.healthCheckId(id));
        assertThrows(NoSuchHealthCheckException.class, () -> r53.getHealthCheck(b -> b.healthCheckId(id)));
        assertFalse(r53.listHealthChecks().healthChecks().stream().anyMatch(h -> h.id().equals(id)));
        assertEquals(count - 1, r53.getHealthCheckCount().healthCheckCount());
    }

    @Test
    void statusAndLastFailureReasonReportWhatTheProbesFound() throws Exception {
        com.sun.net.httpserver.HttpServer endpoint = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        endpoint.start();
        String id = r53.createHealthCheck(b -> b.callerReference("hc-probed").healthCheckConfig(c -> c.type(HealthCheckType.HTTP)
                .ipAddress("127.0.0.1").port(endpoint.getAddress().getPort()).requestInterval(1).failureThreshold(1)))
                .healthCheck().id();
        try {
            var ok = awaitObservation(() -> r53.getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations());
            assertEquals("Success: HTTP Status Code 200, OK", ok.statusReport().status());
            assertEquals("127.0.0.1", ok.ipAddress());
            assertTrue(ok.statusReport().checkedTime().isAfter(java.time.Instant.now().minusSeconds(60)));
            assertTrue(r53.getHealthCheckLastFailureReason(b -> b.healthCheckId(id)).healthCheckObservations().isEmpty());
        } finally {
            endpoint.stop(0);
        }
        var failure = awaitObservation(() -> r53.getHealthCheckLastFailureReason(b -> b.healthCheckId(id)).healthCheckObservations());
        assertTrue(failure.statusReport().status().startsWith("Failure: Connection refused"), failure.statusReport().status());
        assertThrows(NoSuchHealthCheckException.class, () -> r53.getHealthCheckStatus(b -> b.healthCheckId("no-such-check")));
    }

    static software.amazon.awssdk.services.route53.model.HealthCheckObservation awaitObservation(
            java.util.function.Supplier<List<software.amazon.awssdk.services.route53.model.HealthCheckObservation>> read)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<software.amazon.awssdk.services.route53.model.HealthCheckObservation> found = read.get();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no observation within 15 s");
    }
}
