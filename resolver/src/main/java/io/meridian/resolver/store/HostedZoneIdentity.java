package io.meridian.resolver.store;

import java.security.SecureRandom;

/**
 * Who a zone is to the Route 53 API: its hosted zone Id (without the "/hostedzone/" prefix), the
 * CallerReference it was created with, and its comment. Kept when the zone's records are replaced.
 */
public record HostedZoneIdentity(String id, String callerReference, String comment) {
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh identity in Route 53's Id style: "Z" and 13 upper-case letters and digits. */
    public static HostedZoneIdentity create(String callerReference, String comment) {
        return new HostedZoneIdentity(randomId('Z'), callerReference, comment);
    }

    /** A Route 53-style Id: {@code kind} ('Z' zone, 'C' change) and 13 upper-case letters and digits. */
    public static String randomId(char kind) {
        StringBuilder id = new StringBuilder().append(kind);
        for (int i = 0; i < 13; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }
}
