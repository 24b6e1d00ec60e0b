package io.meridian.dashboard;

import io.meridian.dashboard.tls.SelfSignedCertificate;
import io.meridian.resolver.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * {@code meridian tls self-signed --cert FILE --key FILE [--name HOST]...}: a certificate and key
 * for a first start with {@code http.tls}. Existing files are never overwritten: a real
 * certificate put there by the operator must not be lost to a retyped command.
 */
final class TlsCommand {
    private static final String HOST = "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?";
    private static final String USAGE = "usage: meridian tls self-signed --cert FILE --key FILE [--name HOST]...";

    private TlsCommand() {
    }

    static int run(CommandLine cl) throws Meridian.CommandFailed {
        cl.allowOnly("tls self-signed", "--cert", "--key", "--name");
        if (!cl.positional.equals(List.of("self-signed")) || cl.option("--cert") == null || cl.option("--key") == null) {
            throw new ConfigException(USAGE);
        }
        List<String> names = cl.all("--name");
        for (String n : names) {
            if (!n.matches(HOST) && !isAddress(n)) {
                throw new ConfigException("--name " + n + " is neither a host name nor an IP address");
            }
        }
        Path cert = Path.of(cl.option("--cert"));
        Path key = Path.of(cl.option("--key"));
        for (Path p : List.of(cert, key)) {
            if (Files.exists(p)) {
                throw new Meridian.CommandFailed(p + " exists; remove it first or name another file");
            }
        }
        try {
            SelfSignedCertificate pair = SelfSignedCertificate.create(names);
            PrivateFiles.write(key, pair.privateKeyPem());
            Files.writeString(cert, pair.certificatePem());
        } catch (GeneralSecurityException | IOException e) {
            throw new Meridian.CommandFailed("cannot write the certificate and key: " + e.getMessage());
        }
        System.out.println("wrote the certificate " + cert + " and its key " + key + " (mode 0600): self-signed, EC P-256, for "
                + String.join(", ", SelfSignedCertificate.names(names)) + "; clients must be given " + cert + " to trust it");
        return 0;
    }

    private static boolean isAddress(String text) {
        // Dotted quads only for IPv4: "1234" is an address to the JDK, a host name to a certificate.
        return io.meridian.resolver.geo.IpLiteral.parse(text) != null
                && (text.contains(":") || text.matches("\\d{1,3}(\\.\\d{1,3}){3}"));
    }
}
