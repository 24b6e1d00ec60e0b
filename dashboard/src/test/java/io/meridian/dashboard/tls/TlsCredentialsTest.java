package io.meridian.dashboard.tls;

import io.meridian.dashboard.CliTest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsCredentialsTest {

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        return w.toString();
    }

    private static X509Certificate certificate(KeyPair pair, String algorithm, Instant notAfter) throws Exception {
        X500Name name = new X500Name("CN=test");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minus(Duration.ofDays(2))), Date.from(notAfter), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())));
    }

    @Test
    void readsPkcs8Pkcs1RsaAndSec1EcKeysAndChecksThatTheKeyIsTheCertificates() throws Exception {
        Path dir = CliTest.dataDir("tls");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaPair = rsa.generateKeyPair();
        Path rsaCert = Files.writeString(dir.resolve("rsa.pem"), pem(certificate(rsaPair, "SHA256withRSA",
                Instant.now().plus(Duration.ofDays(30)))));
        String pkcs1 = pem(rsaPair);
        assertTrue(pkcs1.startsWith("-----BEGIN RSA PRIVATE KEY-----"), pkcs1);
        assertEquals(rsaPair.getPublic(), TlsCredentials.load(rsaCert, Files.writeString(dir.resolve("rsa.key"), pkcs1))
                .certificate().getPublicKey());

        SelfSignedCertificate ec = SelfSignedCertificate.create(List.of("dns.example"));
        Path ecCert = Files.writeString(dir.resolve("ec.pem"), ec.certificatePem());
        assertTrue(ec.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        TlsCredentials pkcs8 = TlsCredentials.load(ecCert, Files.writeString(dir.resolve("ec.key"), ec.privateKeyPem()));
        assertTrue(pkcs8.certificate().getSubjectAlternativeNames().toString().contains("dns.example"));
        java.security.PrivateKey ecKey = TlsCredentials.privateKey(dir.resolve("ec.key"));
        // SEC 1 as OpenSSL writes it (ecparam -genkey, or an old `openssl ec`): the curve and the public key included.
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                pkcs8.certificate().getPublicKey().getEncoded());
        String sec1 = pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                ((java.security.interfaces.ECPrivateKey) ecKey).getS(), spki.getPublicKeyData(),
                spki.getAlgorithm().getParameters()).getEncoded()));
        assertTrue(sec1.startsWith("-----BEGIN EC PRIVATE KEY-----"), sec1);
        TlsCredentials.load(ecCert, Files.writeString(dir.resolve("ec-sec1.key"), sec1));

        IOException mismatch = assertThrows(IOException.class, () -> TlsCredentials.load(ecCert, dir.resolve("rsa.key")));
        assertTrue(mismatch.getMessage().contains("does not belong to the certificate"), mismatch.getMessage());
        String encrypted = pem(new JcaPKCS8Generator(ecKey, new JceOpenSSLPKCS8EncryptorBuilder(
                org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .setPassword("secret".toCharArray()).build()));
        Path encryptedKey = Files.writeString(dir.resolve("encrypted.key"), encrypted);
        assertTrue(assertThrows(IOException.class, () -> TlsCredentials.load(ecCert, encryptedKey)).getMessage()
                .contains("the private key is encrypted"));
        assertTrue(assertThrows(IOException.class, () -> TlsCredentials.load(ecCert, ecCert)).getMessage()
                .contains("no private key in it"));
        String notCertificate = assertThrows(IOException.class, () -> TlsCredentials.load(dir.resolve("ec.key"), dir.resolve("ec.key")))
                .getMessage();
        assertTrue(notCertificate.startsWith(dir.resolve("ec.key") + ": ") && notCertificate.contains("certificate"), notCertificate);
        assertTrue(assertThrows(IOException.class, () -> TlsCredentials.load(dir.resolve("absent.pem"), dir.resolve("ec.key")))
                .getMessage().startsWith("cannot read "));
        Path expired = Files.writeString(dir.resolve("expired.pem"), pem(certificate(rsaPair, "SHA256withRSA",
                Instant.now().minus(Duration.ofDays(1)))));
        assertTrue(assertThrows(IOException.class, () -> TlsCredentials.load(expired, dir.resolve("rsa.key"))).getMessage()
                .contains("not valid now"));
    }
}
