package io.meridian.resolver.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The HTTP face (API and dashboard): meridian.yaml {@code http:}.
 *
 * @param listen      plain HTTP's address
 * @param plain       whether plain HTTP is served at all (false: HTTPS only)
 * @param tlsListen   HTTPS's address, used when a certificate is configured
 * @param certificate the PEM certificate chain for HTTPS (the server's first), or null: no HTTPS
 * @param privateKey  its PEM private key (PKCS#8, or PKCS#1 RSA / SEC 1 EC), or null
 */
public record HttpSettings(InetSocketAddress listen, boolean plain, InetSocketAddress tlsListen, Path certificate,
                           Path privateKey) {
    public static final HttpSettings DEFAULTS = new HttpSettings(new InetSocketAddress("127.0.0.1", 8080), true,
            new InetSocketAddress("127.0.0.1", 8443), null, null);

    public HttpSettings {
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("http.tls needs both certificate and privateKey");
        }
        if (!plain && certificate == null) {
            throw new IllegalArgumentException("http.plain: false needs http.tls.certificate and http.tls.privateKey,"
                    + " or nothing would serve the API and dashboard");
        }
    }

    public boolean tls() {
        return certificate != null;
    }

    public HttpSettings withListen(InetSocketAddress address) {
        return new HttpSettings(address, plain, tlsListen, certificate, privateKey);
    }

    public HttpSettings withTls(InetSocketAddress address, Path cert, Path key) {
        return new HttpSettings(listen, plain, address, cert, key);
    }

    public HttpSettings withPlain(boolean on) {
        return new HttpSettings(listen, on, tlsListen, certificate, privateKey);
    }
}
