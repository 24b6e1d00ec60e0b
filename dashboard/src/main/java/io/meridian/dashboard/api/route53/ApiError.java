package io.meridian.dashboard.api.route53;

/** A Route 53 error: HTTP status, the error code clients switch on, and a message for people. */
record ApiError(int status, String type, String code, String message) {
    static ApiError forbidden(String code, String message) {
        return new ApiError(403, "Sender", code, message);
    }
}
