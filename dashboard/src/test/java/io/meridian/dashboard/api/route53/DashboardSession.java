package io.meridian.dashboard.api.route53;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logged-in browser as the dashboard's forms see it: its session cookie and CSRF token, plain
 * form posts (urlencoded or multipart, with the token as a form field, as a page without htmx
 * sends them) and htmx requests (the token in the X-CSRF-Token header). Redirects are not followed,
 * so a test sees where a form leads.
 */
final class DashboardSession {
    private static final Pattern CSRF = Pattern.compile("name=csrf value=\"([A-Za-z0-9_-]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private final String cookie;
    final String csrf;

    private DashboardSession(int port, String cookie, String csrf) {
        this.port = port;
        this.cookie = cookie;
        this.csrf = csrf;
    }

    static DashboardSession login(ApiTestServer server) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("username", "operator", "password", ApiTestServer.OPERATOR_PASSWORD)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        DashboardSession s = new DashboardSession(server.port(), setCookie.substring(0, setCookie.indexOf(';')), null);
        Matcher m = CSRF.matcher(s.get("/ui").body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the overview");
        }
        return new DashboardSession(server.port(), s.cookie, m.group(1));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    /** A GET as htmx makes it, for the element {@code target} (the HX-Target header names its id). */
    HttpResponse<String> htmxGet(String path, String target) throws Exception {
        return send(request(path).header("HX-Request", "true").header("HX-Target", target).GET());
    }

    /** A plain form post with this session's CSRF token among the fields. */
    HttpResponse<String> post(String path, String... fields) throws Exception {
        String[] all = java.util.Arrays.copyOf(fields, fields.length + 2);
        all[fields.length] = "csrf";
        all[fields.length + 1] = csrf;
        return postWithoutToken(path, all);
    }

    /** A form post carrying only the fields given: a forged or stale form has no valid token. */
    HttpResponse<String> postWithoutToken(String path, String... fields) throws Exception {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** A post as htmx makes it: the fields, and the CSRF token in its header. */
    HttpResponse<String> htmxPost(String path, String... fields) throws Exception {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** A multipart form (a file upload): the fields, the CSRF token, and one file under {@code fileField}. */
    HttpResponse<String> postMultipart(String path, String fileField, String fileName, String fileText, String... fields)
            throws Exception {
        String boundary = "----meridian" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        String[] all = java.util.Arrays.copyOf(fields, fields.length + 2);
        all[fields.length] = "csrf";
        all[fields.length + 1] = csrf;
        for (int i = 0; i < all.length; i += 2) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(all[i])
                    .append("\"\r\n\r\n").append(all[i + 1]).append("\r\n");
        }
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileField)
                .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: text/plain\r\n\r\n").append(fileText)
                .append("\r\n--").append(boundary).append("--\r\n");
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Cookie", cookie);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }
}
