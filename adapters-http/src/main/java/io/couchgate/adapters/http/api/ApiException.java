package io.couchgate.adapters.http.api;

import java.time.Duration;
import java.util.Optional;

/** A failure found by the HTTP adapter itself (bad body, missing token, throttled), turned into a problem. */
final class ApiException extends RuntimeException {

    /** RFC 6750, section 3: the challenge of a 401 when no bearer token was sent. */
    static final String BEARER_CHALLENGE = "Bearer realm=\"couchgate\"";

    /** RFC 6750, section 3.1: the challenge of a 401 to a bearer token that is invalid, expired or revoked. */
    static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"couchgate\", error=\"invalid_token\"";

    private final ProblemType type;
    private final Duration retryAfter;
    private final String challenge;

    /**
     * @param type the problem kind
     * @param detail the problem's {@code detail}; never a secret
     */
    ApiException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    /**
     * @param type the problem kind
     * @param detail the problem's {@code detail}; never a secret
     * @param retryAfter how long the client should wait, sent as {@code Retry-After}; may be null
     */
    ApiException(ProblemType type, String detail, Duration retryAfter) {
        this(type, detail, retryAfter, null);
    }

    private ApiException(ProblemType type, String detail, Duration retryAfter, String challenge) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
        this.challenge = challenge;
    }

    /**
     * @param tokenSent whether the request carried a bearer token (then the challenge says {@code invalid_token},
     *                  so a client can tell a token to drop from a missing one)
     * @return the 401 {@code unauthorized} problem for a request without a live session
     */
    static ApiException unauthorized(boolean tokenSent) {
        return new ApiException(ProblemType.UNAUTHORIZED, "a valid bearer token is required", null,
                tokenSent ? INVALID_TOKEN_CHALLENGE : BEARER_CHALLENGE);
    }

    /** @return the 403 {@code password-change-required} problem for a session opened with a one-time password */
    static ApiException passwordChangeRequired() {
        return new ApiException(ProblemType.PASSWORD_CHANGE_REQUIRED,
                "this session was opened with a one-time password: PUT /api/users/current/password first");
    }

    ProblemType type() {
        return type;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return the {@code WWW-Authenticate} value of this 401, when it is not the plain one */
    Optional<String> challenge() {
        return Optional.ofNullable(challenge);
    }
}
