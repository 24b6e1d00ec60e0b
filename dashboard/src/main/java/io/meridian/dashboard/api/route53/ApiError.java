package io.meridian.dashboard.api.route53;

import java.util.List;

/**
 * A Route 53 error: HTTP status, the error code clients switch on, a message for people, and for
 * InvalidChangeBatch the list of every reason.
 */
record ApiError(int status, String type, String code, String message, List<String> messages) {
    ApiError(int status, String type, String code, String message) {
        this(status, type, code, message, List.of());
    }

    static ApiError forbidden(String code, String message) {
        return new ApiError(403, "Sender", code, message);
    }
}
