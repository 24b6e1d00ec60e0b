package io.meridian.resolver.zone;

/** A zone that cannot be imported or stored; the message says what to change and where. */
public final class ZoneException extends Exception {
    public ZoneException(String message) {
        super(message);
    }

    public ZoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
