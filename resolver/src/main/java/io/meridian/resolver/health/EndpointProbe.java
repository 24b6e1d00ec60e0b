package io.meridian.resolver.health;

import io.meridian.resolver.control.HealthCheckConfig;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * One probe of an endpoint, as a Route 53 checker makes it (ROUTE53.md §1.10): TCP connects within
 * 10 s; HTTP(S) connects within 4 s and must send a 2xx or 3xx status within 2 s of connecting; a
 * string match must find the string in the first 5,120 bytes of the body within those 2 s. HTTPS
 * certificates are not validated. Without IPAddress the FQDN is resolved each time, IPv4 only.
 */
final class EndpointProbe {
    static final int TCP_CONNECT_MILLIS = 10_000;
    static final int HTTP_CONNECT_MILLIS = 4_000;
    static final int FIRST_BYTES_MILLIS = 2_000;
    static final int SEARCH_BYTES = 5_120;
    private static final int MAX_HEADER_BYTES = 16_384;

    private final Clock clock;
    private final boolean allowPrivateTargets;

    EndpointProbe(Clock clock, boolean allowPrivateTargets) {
        this.clock = clock;
        this.allowPrivateTargets = allowPrivateTargets;
    }

    Observation probe(HealthCheckConfig c) {
        long start = System.nanoTime();
        InetAddress target;
        try {
            target = target(c);
        } catch (UnknownHostException e) {
            return result(false, "Failure: DNS resolution failed: " + c.fullyQualifiedDomainName() + " has no IPv4 address", null, start);
        }
        if (!allowPrivateTargets && (target.isLoopbackAddress() || target.isSiteLocalAddress() || target.isLinkLocalAddress()
                || target.isAnyLocalAddress() || target.isMulticastAddress())) {
            return result(false, "Failure: " + target.getHostAddress() + " is a local or private address and"
                    + " health.allowPrivateTargets is false", null, start);
        }
        boolean http = !"TCP".equals(c.type());
        Socket socket = new Socket();
        try (socket) {
            socket.connect(new InetSocketAddress(target, c.port()), http ? HTTP_CONNECT_MILLIS : TCP_CONNECT_MILLIS);
            String checker = socket.getLocalAddress().getHostAddress();
            if (!http) {
                return result(true, "Success: TCP connection established with " + target.getHostAddress() + ":" + c.port(), checker, start);
            }
            long deadline = System.nanoTime() + FIRST_BYTES_MILLIS * 1_000_000L;
            Socket s = c.type().startsWith("HTTPS") ? tls(socket, c) : socket;
            return result(exchange(s, c, deadline), checker, start);
        } catch (SocketTimeoutException e) {
            return result(false, "Failure: Connection timed out. The endpoint " + target.getHostAddress() + ":" + c.port()
                    + " did not answer in time.", null, start);
        } catch (ConnectException e) {
            return result(false, "Failure: Connection refused by " + target.getHostAddress() + ":" + c.port() + ".", null, start);
        } catch (IOException | GeneralSecurityException e) {
            return result(false, "Failure: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null, start);
        }
    }

    private record Verdict(boolean success, String status) {
    }

    private Observation result(Verdict v, String checker, long start) {
        return result(v.success(), v.status(), checker, start);
    }

    private Observation result(boolean success, String status, String checker, long start) {
        return new Observation(clock.instant(), success, status, checker, (System.nanoTime() - start) / 1_000_000);
    }

    private static InetAddress target(HealthCheckConfig c) throws UnknownHostException {
        if (c.ipAddress() != null) {
            return InetAddress.getByName(c.ipAddress());
        }
        for (InetAddress a : InetAddress.getAllByName(c.fullyQualifiedDomainName())) {
            if (a instanceof Inet4Address) {
                return a;
            }
        }
        throw new UnknownHostException(c.fullyQualifiedDomainName());
    }

    /** The Host header (ROUTE53.md §1.10): the FQDN on the scheme's own port, FQDN:port otherwise, else the IP. */
    static String hostHeader(HealthCheckConfig c) {
        if (c.fullyQualifiedDomainName() == null) {
            return c.ipAddress().contains(":") ? "[" + c.ipAddress() + "]" : c.ipAddress();
        }
        boolean defaultPort = c.type().startsWith("HTTPS") ? c.port() == 443 : c.port() == 80;
        return defaultPort ? c.fullyQualifiedDomainName() : c.fullyQualifiedDomainName() + ":" + c.port();
    }

    private static Socket tls(Socket plain, HealthCheckConfig c) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, null);
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, c.ipAddress() == null
                ? c.fullyQualifiedDomainName() : c.ipAddress(), c.port(), true);
        SSLParameters params = s.getSSLParameters();
        if (Boolean.TRUE.equals(c.enableSni()) && c.fullyQualifiedDomainName() != null) {
            params.setServerNames(List.of(new SNIHostName(c.fullyQualifiedDomainName())));
        } else {
            params.setServerNames(List.of());
        }
        s.setSSLParameters(params);
        s.setSoTimeout(FIRST_BYTES_MILLIS);
        s.startHandshake();
        return s;
    }

    private static Verdict exchange(Socket s, HealthCheckConfig c, long deadline) throws IOException {
        String path = c.resourcePath() == null || c.resourcePath().isEmpty() ? "/"
                : c.resourcePath().startsWith("/") ? c.resourcePath() : "/" + c.resourcePath();
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader(c) + "\r\nUser-Agent: Meridian-Health-Check/1.0\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = new java.io.BufferedInputStream(s.getInputStream());
        String head = readHead(s, in, deadline);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/") || !status[1].matches("\\d{3}")) {
            return new Verdict(false, "Failure: The response did not start with an HTTP status line");
        }
        int code = Integer.parseInt(status[1]);
        String reason = status.length > 2 ? status[2] : "";
        String shown = "HTTP Status Code " + code + (reason.isEmpty() ? "" : ", " + reason);
        if (code < 200 || code >= 400) {
            return new Verdict(false, "Failure: " + shown);
        }
        if (c.searchString() == null) {
            return new Verdict(true, "Success: " + shown);
        }
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = readBody(s, in, deadline, chunked);
        boolean found = new String(body, StandardCharsets.ISO_8859_1)
                .contains(new String(c.searchString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        return found ? new Verdict(true, "Success: " + shown + ". Search string found in the response body")
                : new Verdict(false, "Failure: " + shown + ". Search string not found in the first " + SEARCH_BYTES
                  + " bytes of the response body");
    }

    private static String readHead(Socket s, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = read(s, in, deadline);
            if (b < 0) {
                throw new IOException("the connection closed before the response headers ended");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("the response headers are larger than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Up to the first 5,120 bytes of the body (chunked transfer decoded), whatever arrives before the deadline. */
    private static byte[] readBody(Socket s, InputStream in, long deadline, boolean chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            while (body.size() < SEARCH_BYTES) {
                long chunk = Long.MAX_VALUE;
                if (chunked) {
                    StringBuilder size = new StringBuilder();
                    for (int b; (b = read(s, in, deadline)) != '\n'; ) {
                        if (b < 0) {
                            return body.toByteArray();
                        }
                        size.append((char) b);
                    }
                    String hex = size.toString().trim().split(";")[0];
                    chunk = hex.isEmpty() ? 0 : Long.parseLong(hex, 16);
                    if (chunk == 0) {
                        break;
                    }
                }
                for (long i = 0; i < chunk && body.size() < SEARCH_BYTES; i++) {
                    int b = read(s, in, deadline);
                    if (b < 0) {
                        return body.toByteArray();
                    }
                    body.write(b);
                }
                if (chunked) {
                    read(s, in, deadline);
                    read(s, in, deadline);
                }
            }
        } catch (SocketTimeoutException | NumberFormatException e) {
            // what arrived in time is what is searched
        }
        return body.toByteArray();
    }

    private static int read(Socket s, InputStream in, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no complete response within " + FIRST_BYTES_MILLIS + " ms of connecting");
        }
        s.setSoTimeout((int) Math.max(1, left));
        return in.read();
    }

    /** HTTPS health checks do not validate certificates (ROUTE53.md §1.10). */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
