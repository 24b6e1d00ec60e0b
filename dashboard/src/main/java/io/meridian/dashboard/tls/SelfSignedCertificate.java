package io.meridian.dashboard.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A fresh self-signed certificate for the HTTP face's first start ({@code meridian tls
 * self-signed}): an EC P-256 key, the names given plus localhost, 127.0.0.1 and ::1 as
 * SubjectAltNames (what clients check), valid for 825 days (the longest lifetime browsers
 * accept). Clients trust it by being given the certificate itself (aws --ca-bundle).
 */
public record SelfSignedCertificate(String certificatePem, String privateKeyPem) {
    static final Duration LIFETIME = Duration.ofDays(825);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @param names host names or IP addresses the appliance is reached by; may be empty */
    public static SelfSignedCertificate create(List<String> names) throws GeneralSecurityException {
        Set<String> all = names(names);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, all.iterator().next())
                .addRDN(BCStyle.O, "Meridian appliance").build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, RANDOM),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(LIFETIME)), subject, pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames(all)))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSignedCertificate(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new CertificateException("cannot build the certificate: " + e.getMessage(), e);
        }
    }

    /** The names a certificate for {@code names} holds: those, then localhost and the loopback addresses. */
    public static Set<String> names(List<String> names) {
        Set<String> all = new LinkedHashSet<>(names);
        all.addAll(List.of("localhost", "127.0.0.1", "::1"));
        return all;
    }

    private static GeneralName[] altNames(Set<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            boolean ip = n.contains(":") || n.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            out.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        return out.toArray(new GeneralName[0]);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
