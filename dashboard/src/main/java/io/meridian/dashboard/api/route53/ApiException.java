package io.meridian.dashboard.api.route53;

/** Ends an API call with a Route 53 error; the route table turns it into the XML answer. */
final class ApiException extends Exception {
    private final ApiError error;

    ApiException(ApiError error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
