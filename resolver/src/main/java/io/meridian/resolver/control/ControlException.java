package io.meridian.resolver.control;

import java.util.List;

/**
 * A request the control plane refuses, with Route 53's error code (ROUTE53.md §1.6, §1.8) and a
 * message saying what to change; a refused change batch also lists every reason. Each face turns
 * it into its own form (XML error, CLI line).
 */
public class ControlException extends Exception {
    private final String code;
    private final List<String> reasons;

    public ControlException(String code, String message) {
        this(code, message, List.of());
    }

    protected ControlException(String code, String message, List<String> reasons) {
        super(message);
        this.code = code;
        this.reasons = List.copyOf(reasons);
    }

    public String code() {
        return code;
    }

    /** Every reason, when there can be several (InvalidChangeBatch); otherwise empty. */
    public List<String> reasons() {
        return reasons;
    }
}
