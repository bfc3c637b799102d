package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpStatus;

/**
 * The kinds of failure under {@code /api}, each with a stable {@code type} URI (RFC 9457, section 3.1.1),
 * a fixed {@code title} and its HTTP status.
 */
enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    INVALID_USERNAME("invalid-username", "Invalid username", HttpStatus.BAD_REQUEST),
    WEAK_PASSWORD("weak-password", "Weak password", HttpStatus.BAD_REQUEST),
    INVALID_CREDENTIALS("invalid-credentials", "Invalid credentials", HttpStatus.UNAUTHORIZED),
    UNAUTHORIZED("unauthorized", "Unauthorized", HttpStatus.UNAUTHORIZED),
    SIGNUP_CLOSED("signup-closed", "Signup closed", HttpStatus.FORBIDDEN),
    INVITATION_INVALID("invitation-invalid", "Invitation invalid", HttpStatus.FORBIDDEN),
    PASSWORD_CHANGE_REQUIRED("password-change-required", "Password change required", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    USERNAME_TAKEN("username-taken", "Username taken", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    URI_TOO_LONG("uri-too-long", "URI too long", HttpStatus.REQUEST_URI_TOO_LONG),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    COUCHDB_UNAVAILABLE("couchdb-unavailable", "Database unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SERVER_BUSY("server-busy", "Server busy", HttpStatus.SERVICE_UNAVAILABLE);

    /**
     * Prefix of every {@code type}: a relative URI reference (RFC 9457, section 3.1.1, resolved against the answer's
     * URL), so that no domain the project does not own is named; README, "Problem types", lists them all.
     */
    static final String BASE_URI = "/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /**
     * @param status an HTTP status Micronaut raised itself
     * @return the first kind with that status, or {@link #INTERNAL_ERROR}
     */
    static ProblemType forStatus(HttpStatus status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return INTERNAL_ERROR;
    }

    /** @return the {@code type} URI reference, e.g. {@code /problems/weak-password} */
    String uri() {
        return BASE_URI + slug;
    }

    String title() {
        return title;
    }

    HttpStatus status() {
        return status;
    }
}
