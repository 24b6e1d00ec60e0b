package io.meridian.dashboard.api.route53;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks AWS Signature Version 4 on an API request, as AWS does: the canonical request, the
 * string to sign, the HMAC key chain, the signed headers, the payload hash, and a 15-minute
 * clock skew. The signature is compared in constant time.
 */
final class SigV4Verifier {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private volatile ApiKeys keys;

    SigV4Verifier(ApiKeys keys) {
        this.keys = keys;
    }

    /** Accepts these keys from now on (a reload of the configuration). */
    void use(ApiKeys next) {
        keys = next;
    }

    /** What a request to verify consists of; {@code rawPath} and {@code rawQuery} as sent. */
    record Request(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
    }

    /** Null when the request is signed right, else the Route 53 error to answer with. */
    ApiError verify(Request r, Instant now) {
        String auth = header(r, "authorization");
        if (auth == null || auth.isBlank()) {
            return ApiError.forbidden("MissingAuthenticationToken", "Missing Authentication Token");
        }
        if (!auth.startsWith(ALGORITHM + " ")) {
            return ApiError.forbidden("IncompleteSignature", "Authorization header requires the " + ALGORITHM + " algorithm.");
        }
        Map<String, String> parts = authParts(auth.substring(ALGORITHM.length() + 1));
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return ApiError.forbidden("IncompleteSignature",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            return ApiError.forbidden("IncompleteSignature", "Credential should be scoped to a valid region, service and aws4_request.");
        }
        String secret = keys.secret(scope[0]);
        if (secret == null) {
            return ApiError.forbidden("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        String amzDate = header(r, "x-amz-date");
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException | NullPointerException e) {
            return ApiError.forbidden("IncompleteSignature", "Authorization requires a valid X-Amz-Date header.");
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            return ApiError.forbidden("SignatureDoesNotMatch", "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return ApiError.forbidden("SignatureDoesNotMatch", "Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        if (!amzDate.startsWith(scope[1])) {
            return ApiError.forbidden("SignatureDoesNotMatch", "Date in Credential scope does not match YYYYMMDD from X-Amz-Date.");
        }
        String scopeText = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String canonical = canonicalRequest(r, signedHeaders);
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, "aws4_request");
        byte[] expected = HexFormat.of().formatHex(hmac(key, toSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return ApiError.forbidden("SignatureDoesNotMatch", "The request signature we calculated does not match the signature"
                    + " you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return null;
    }

    static String canonicalRequest(Request r, String signedHeaders) {
        StringBuilder c = new StringBuilder();
        c.append(r.method()).append('\n');
        c.append(canonicalPath(r.rawPath())).append('\n');
        c.append(canonicalQuery(r.rawQuery())).append('\n');
        for (String name : signedHeaders.split(";")) {
            String value = header(r, name);
            c.append(name).append(':').append(value == null ? "" : value.trim().replaceAll(" +", " ")).append('\n');
        }
        c.append('\n').append(signedHeaders).append('\n');
        String payload = header(r, "x-amz-content-sha256");
        c.append(payload != null ? payload : hex(sha256(r.body())));
        return c.toString();
    }

    /** AWS SDKs sign the already-encoded path, encoding it once more (all services but S3). */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder b = new StringBuilder();
        for (String segment : rawPath.split("/", -1)) {
            if (b.length() > 0 || rawPath.startsWith("/")) {
                b.append('/');
            }
            b.append(uriEncode(segment));
        }
        String out = b.toString();
        return out.startsWith("//") ? out.substring(1) : out;
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = uriEncode(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String v = eq < 0 ? "" : uriEncode(decode(pair.substring(eq + 1)));
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        StringBuilder b = new StringBuilder();
        params.forEach((k, vs) -> vs.stream().sorted().forEach(v -> b.append(b.length() == 0 ? "" : "&").append(k).append('=').append(v)));
        return b.toString();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 unreserved characters stay; everything else is %XX, upper-case hex. */
    static String uriEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (x & 0xFF);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
                b.append(ch);
            } else {
                b.append('%').append(String.format("%02X", x & 0xFF));
            }
        }
        return b.toString();
    }

    private static Map<String, String> authParts(String text) {
        Map<String, String> parts = new TreeMap<>();
        for (String p : text.split(",")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0) {
                parts.put(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        return parts;
    }

    private static String header(Request r, String name) {
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
