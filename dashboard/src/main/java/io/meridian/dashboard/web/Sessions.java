package io.meridian.dashboard.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in dashboard sessions: a random id (the cookie) -> user, CSRF token and expiry. Kept in
 * memory: a restart logs everyone out, which an appliance's operators can live with.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String user, String csrf, Instant expires) {
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code user}; returns its id. */
    String open(String user) {
        String id = token();
        byId.put(id, new Session(user, token(), clock.instant().plus(IDLE)));
        return id;
    }

    /** The live session with this id (its expiry pushed on), or null. */
    Session find(String id) {
        if (id == null) {
            return null;
        }
        Session s = byId.get(id);
        if (s == null || s.expires().isBefore(clock.instant())) {
            byId.remove(id);
            return null;
        }
        Session renewed = new Session(s.user(), s.csrf(), clock.instant().plus(IDLE));
        byId.put(id, renewed);
        return renewed;
    }

    /** Ends the sessions of users not in {@code users}: a user removed from the config is logged out. */
    void retainUsers(java.util.Collection<String> users) {
        byId.values().removeIf(s -> !users.contains(s.user()));
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
