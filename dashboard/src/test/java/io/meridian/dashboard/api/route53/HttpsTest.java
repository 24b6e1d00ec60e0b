package io.meridian.dashboard.api.route53;

import io.meridian.dashboard.CliTest;
import io.meridian.dashboard.ServeProcessTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS on the HTTP face with a certificate from {@code meridian tls self-signed}: the AWS SDK and
 * the aws cli work against it with that certificate trusted, plain HTTP is off when
 * {@code http.plain: false}, and a reload puts a new certificate in force without a restart.
 */
class HttpsTest {

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Trust managers that trust exactly {@code cert}. */
    private static TrustManager[] trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("meridian", read(cert));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    private static Route53Client client(int port, Path cert) throws Exception {
        TrustManager[] trust = trusting(cert);
        return Route53Client.builder()
                .endpointOverride(URI.create("https://127.0.0.1:" + port))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ID, ApiTestServer.SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryPolicy(p -> p.numRetries(0)))
                .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust).build())
                .build();
    }

    /** The certificate the server presents now, trusting {@code cert} only. */
    private static X509Certificate presented(int port, Path cert) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trusting(cert), null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void theSdkAndTheAwsCliWorkOverHttpsWithTheSelfSignedCertificateAndPlainHttpIsOff() throws Exception {
        Path data = CliTest.dataDir("https");
        Path cert = data.resolve("tls.pem");
        Path key = data.resolve("tls.key");
        CliTest.Result made = CliTest.run("tls", "self-signed", "--cert", cert.toString(), "--key", key.toString(),
                "--name", "dns.example", "--name", "192.0.2.53");
        assertEquals(0, made.code(), made.err());
        assertTrue(made.out().contains("dns.example, 192.0.2.53, localhost, 127.0.0.1, ::1"), made.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        CliTest.Result again = CliTest.run("tls", "self-signed", "--cert", cert.toString(), "--key", data.resolve("other.key").toString());
        assertEquals(1, again.code());
        assertEquals("meridian: " + cert + " exists; remove it first or name another file\n", again.err());
        assertEquals(2, CliTest.run("tls", "self-signed", "--cert", cert.toString()).code());
        assertEquals(2, CliTest.run("tls", "self-signed", "--cert", "c", "--key", "k", "--name", "not a host").code());

        int dns = ServeProcessTest.freePort();
        int http = ServeProcessTest.freePort();
        int https = ServeProcessTest.freePort();
        Path config = data.resolve("meridian.yaml");
        String tls = "http:\n  plain: false\n  tls:\n    listen: 127.0.0.1:" + https + "\n    certificate: " + cert + "\n    privateKey: ";
        String keys = "api:\n  keys:\n    - {id: " + ApiTestServer.ID + ", secret: " + ApiTestServer.SECRET + "}\n";
        Files.writeString(config, tls + key + "\n" + keys);
        List<String> log = new CopyOnWriteArrayList<>();
        Process p = ServeProcessTest.serve(data, dns, http, "--config", config.toString());
        try (Route53Client r53 = client(https, cert)) {
            ServeProcessTest.awaitListening(p, log);
            assertTrue(log.get(log.size() - 1).contains("HTTP https://127.0.0.1:" + https + ","), log.get(log.size() - 1));
            r53.createHostedZone(b -> b.name("https.test").callerReference("https-1"));
            assertEquals(1, r53.getHostedZoneCount().hostedZoneCount());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", http).close(), "plain HTTP is off");

            AwsCliSmokeTest.Run cli = AwsCliSmokeTest.aws("https://127.0.0.1:" + https, ApiTestServer.SECRET,
                    "get-hosted-zone-count", "--ca-bundle", cert.toString());
            assertEquals(0, cli.code(), cli.err());
            assertTrue(cli.out().contains("\"HostedZoneCount\": 1"), cli.out());
            AwsCliSmokeTest.Run untrusted = AwsCliSmokeTest.aws("https://127.0.0.1:" + https, ApiTestServer.SECRET,
                    "get-hosted-zone-count");
            assertTrue(untrusted.code() != 0 && untrusted.err().contains("CERTIFICATE_VERIFY_FAILED"), untrusted.err());

            // A new pair, then reload: new handshakes get it, with no restart.
            Path cert2 = data.resolve("tls2.pem");
            Path key2 = data.resolve("tls2.key");
            assertEquals(0, CliTest.run("tls", "self-signed", "--cert", cert2.toString(), "--key", key2.toString()).code());
            assertEquals(read(cert), presented(https, cert));
            Files.writeString(config, tls.replace(cert.toString(), cert2.toString()) + key2 + "\n" + keys);
            CliTest.Result reloaded = CliTest.run("reload", "--data-dir", data.toString());
            assertEquals(0, reloaded.code(), reloaded.err());
            assertTrue(reloaded.out().contains("certificate O=Meridian appliance,CN=localhost until "), reloaded.out());
            assertEquals(read(cert2), presented(https, cert2));
            try (Route53Client renewed = client(https, cert2)) {
                assertEquals(1, renewed.getHostedZoneCount().hostedZoneCount());
            }

            Files.writeString(config, tls.replace(cert.toString(), cert2.toString()) + key + "\n" + keys);
            CliTest.Result mismatched = CliTest.run("reload", "--data-dir", data.toString());
            assertEquals(1, mismatched.code());
            assertTrue(mismatched.err().contains("does not belong to the certificate"), mismatched.err());
            assertEquals(read(cert2), presented(https, cert2), "a refused certificate leaves the one in force");
        } finally {
            p.toHandle().destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }
}
