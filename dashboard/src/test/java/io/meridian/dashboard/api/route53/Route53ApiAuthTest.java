package io.meridian.dashboard.api.route53;

import io.meridian.dashboard.web.HttpFace;
import io.meridian.resolver.config.MeridianConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SigV4 on the Route 53 API, checked with the real AWS SDK for Java v2 as the client. */
class Route53ApiAuthTest {
    static ApiTestServer server;
    static final String ID = ApiTestServer.ID;
    static final String SECRET = ApiTestServer.SECRET;

    @BeforeAll
    static void start() throws Exception {
        server = ApiTestServer.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    static Route53Client client(HttpFace face, String id, String secret) {
        return client(face.address().getPort(), id, secret);
    }

    /** An SDK client for the API on a loopback port, retrying nothing, so every failure shows. */
    static Route53Client client(int port, String id, String secret) {
        return Route53Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryPolicy(p -> p.numRetries(0)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void aSignedRequestIsAnswered() {
        try (Route53Client r53 = client(server.http, ID, SECRET)) {
            assertEquals(1L, r53.getHostedZoneCount().hostedZoneCount());
        }
    }

    @Test
    void aWrongSecretIsRefusedWithSignatureDoesNotMatch() {
        try (Route53Client r53 = client(server.http, ID, SECRET + "x")) {
            Route53Exception e = assertThrows(Route53Exception.class, r53::getHostedZoneCount);
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void anUnknownKeyIsRefusedWithInvalidClientTokenId() {
        try (Route53Client r53 = client(server.http, "AKIAUNKNOWNKEY000000", SECRET)) {
            Route53Exception e = assertThrows(Route53Exception.class, r53::getHostedZoneCount);
            assertEquals(403, e.statusCode());
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void aSignatureFromTwentyMinutesAgoHasExpired() {
        try (Route53Client r53 = client(server.skewed, ID, SECRET)) {
            Route53Exception e = assertThrows(Route53Exception.class, r53::getHostedZoneCount);
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("Signature expired: "), e.getMessage());
        }
    }

    @Test
    void anUnsignedRequestGetsRoute53sErrorXml() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/2013-04-01/hostedzonecount")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"), r.body());
        assertTrue(r.body().contains("<Code>MissingAuthenticationToken</Code>"), r.body());
        assertNotNull(r.headers().firstValue("x-amzn-RequestId").orElse(null));
    }

    @Test
    void theFirstStartWithoutKeysGeneratesOnePrivateToItsOwner() throws Exception {
        Path data = io.meridian.resolver.testing.DataDirs.fresh("keys");
        MeridianConfig config = MeridianConfig.defaults().withDataDir(data);
        ApiKeys first = ApiKeys.load(config, "");
        assertNotNull(first.generatedFile());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(first.generatedFile()));
        String line = Files.readString(first.generatedFile()).trim();
        ApiKeys again = ApiKeys.load(config, "");
        assertEquals(null, again.generatedFile());
        String id = line.substring(0, line.indexOf(':'));
        assertEquals(line.substring(line.indexOf(':') + 1), again.secret(id));
        assertEquals("s2", ApiKeys.load(config, "k1:s1, k2:s2").secret("k2"));
    }

    @Test
    void aMalformedKeyListIsAClearError() {
        MeridianConfig config = MeridianConfig.defaults().withApiKeys(List.of(new MeridianConfig.ApiKey("a", "b")));
        Exception e = assertThrows(RuntimeException.class, () -> ApiKeys.load(config, "justanid"));
        assertTrue(e.getMessage().contains("MERIDIAN_API_KEYS: expected ID:SECRET"), e.getMessage());
    }
}
