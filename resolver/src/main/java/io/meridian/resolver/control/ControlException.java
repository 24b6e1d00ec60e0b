package io.meridian.resolver.control;

/**
 * A request the control plane refuses, with Route 53's error code (ROUTE53.md §1.6, §1.8) and a
 * message saying what to change. Each face turns it into its own form (XML error, CLI line).
 */
public final class ControlException extends Exception {
    private final String code;

    public ControlException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
