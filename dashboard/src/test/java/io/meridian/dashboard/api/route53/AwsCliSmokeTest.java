package io.meridian.dashboard.api.route53;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's aws cli (botocore's own SigV4 signer) against the running API, as an operator would
 * use it.
 */
class AwsCliSmokeTest {
    /** Debian's package; a pyenv or pip shim earlier on PATH may not have botocore. */
    static final Path AWS = Path.of("/usr/bin/aws");

    record Run(int code, String out, String err) {
    }

    /** @param endpoint the API's URL: http://127.0.0.1:PORT, or https://... with --ca-bundle among {@code args} */
    static Run aws(String endpoint, String secret, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(AWS), "Debian's awscli is missing: scripts/test installs it (apt-get install awscli)");
        List<String> cmd = new java.util.ArrayList<>(List.of(AWS.toString(), "route53"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", ApiTestServer.ID);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws cli did not finish");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theAwsCliCountsHostedZonesAndIsRefusedWithAWrongSecret() throws Exception {
        try (ApiTestServer server = ApiTestServer.start()) {
            int port = server.port();
            Run ok = aws("http://127.0.0.1:" + port, ApiTestServer.SECRET, "get-hosted-zone-count");
            assertEquals(0, ok.code(), ok.err());
            assertTrue(ok.out().replace(" ", "").contains("\"HostedZoneCount\":1"), ok.out());
            Run refused = aws("http://127.0.0.1:" + port, "not-the-secret", "get-hosted-zone-count");
            assertNotEquals(0, refused.code());
            assertTrue(refused.err().contains("SignatureDoesNotMatch"), refused.err());
        }
    }

    /** The "done" path: create a zone, add records from a JSON change batch, see them over DNS. */
    @Test
    void theAwsCliCreatesAZoneAndAddsRecordsFromAJsonChangeBatch() throws Exception {
        try (ApiTestServer server = ApiTestServer.start()) {
            int port = server.port();
            Run created = aws("http://127.0.0.1:" + port, ApiTestServer.SECRET, "create-hosted-zone", "--name", "cli.example", "--caller-reference", "cli-1");
            assertEquals(0, created.code(), created.err());
            String id = created.out().replaceAll("(?s).*\"Id\": \"/hostedzone/(Z[A-Z0-9]+)\".*", "$1");
            Path batch = Files.createTempFile(io.meridian.resolver.testing.DataDirs.fresh("batch"), "batch", ".json");
            Files.writeString(batch, """
                    {"Comment": "from the aws cli", "Changes": [{"Action": "CREATE", "ResourceRecordSet": {
                      "Name": "www.cli.example.", "Type": "A", "TTL": 60,
                      "ResourceRecords": [{"Value": "192.0.2.10"}, {"Value": "192.0.2.11"}]}}]}
                    """);
            Run changed = aws("http://127.0.0.1:" + port, ApiTestServer.SECRET, "change-resource-record-sets", "--hosted-zone-id", id,
                    "--change-batch", "file://" + batch.toAbsolutePath());
            assertEquals(0, changed.code(), changed.err());
            assertTrue(changed.out().contains("INSYNC"), changed.out());
            assertEquals(2, server.ask("www.cli.example.", org.xbill.DNS.Type.A).getSection(org.xbill.DNS.Section.ANSWER).size());
            Run again = aws("http://127.0.0.1:" + port, ApiTestServer.SECRET, "change-resource-record-sets", "--hosted-zone-id", id,
                    "--change-batch", "file://" + batch.toAbsolutePath());
            assertNotEquals(0, again.code());
            assertTrue(again.err().contains("InvalidChangeBatch") && again.err().contains("but it already exists"), again.err());
        }
    }
}
