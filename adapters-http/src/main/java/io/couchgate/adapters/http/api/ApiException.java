package io.couchgate.adapters.http.api;

import java.time.Duration;
import java.util.Optional;

/** A failure found by the HTTP adapter itself (bad body, missing token, throttled), turned into a problem. */
final class ApiException extends RuntimeException {

    private final ProblemType type;
    private final Duration retryAfter;

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
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    ProblemType type() {
        return type;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
