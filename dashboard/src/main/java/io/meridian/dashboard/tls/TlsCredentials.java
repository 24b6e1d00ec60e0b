package io.meridian.dashboard.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP face's certificate chain and private key, read from PEM files (config
 * {@code http.tls.certificate} and {@code http.tls.privateKey}) into an in-memory key store for
 * Jetty. Keys may be PKCS#8 ("PRIVATE KEY"), PKCS#1 RSA ("RSA PRIVATE KEY") or SEC 1 EC ("EC
 * PRIVATE KEY"); an encrypted key is refused, since a server restarting alone has nobody to ask.
 * The key must belong to the first certificate: checked by signing with one and verifying with
 * the other, so a mismatched pair is refused here and not at the first client's handshake.
 */
public record TlsCredentials(KeyStore keyStore, char[] password, X509Certificate certificate) {
    static final String ALIAS = "meridian";

    /** Reads and checks the pair; every problem is an IOException with a one-line message naming the file. */
    public static TlsCredentials load(Path certificateFile, Path privateKeyFile) throws IOException {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(privateKeyFile);
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new IOException(certificateFile + ": the certificate is not valid now (" + leaf.getNotBefore() + " to "
                    + leaf.getNotAfter() + ")");
        }
        if (!matches(key, leaf)) {
            throw new IOException(privateKeyFile + ": this private key does not belong to the certificate in " + certificateFile);
        }
        try {
            char[] password = java.util.UUID.randomUUID().toString().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
            return new TlsCredentials(store, password, leaf);
        } catch (GeneralSecurityException e) {
            throw new IOException(privateKeyFile + ": cannot use this key with its certificate: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM certificate chain: " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    static PrivateKey privateKey(Path file) throws IOException {
        Object pem;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            pem = parser.readObject();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a PEM private key: " + e.getMessage(), e);
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (pem instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (pem instanceof PEMKeyPair pair) {
            // SEC 1 keys may leave the public key out; the private part is all that is needed.
            return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (pem instanceof org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo || pem instanceof org.bouncycastle.openssl.PEMEncryptedKeyPair) {
            throw new IOException(file + ": the private key is encrypted; store it without a passphrase (mode 0600)");
        }
        throw new IOException(file + ": no private key in it (expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IOException("private keys of type " + key.getAlgorithm() + " are not supported; use RSA or EC");
        };
        try {
            byte[] probe = "meridian key check".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
