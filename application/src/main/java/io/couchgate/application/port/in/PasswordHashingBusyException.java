package io.couchgate.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * Too many password hashes are running and this one waited its whole queue timeout for a turn: nothing was checked
 * or changed. Thrown by every use case that hashes or verifies a password (signup, login, password change); the
 * client should retry after {@link #retryAfter()}.
 */
public class PasswordHashingBusyException extends RuntimeException {

    private final Duration retryAfter;

    /** @param retryAfter how long a client should wait before it retries, positive */
    public PasswordHashingBusyException(Duration retryAfter) {
        super("too many password checks at once; try again shortly", null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** @return how long a client should wait before it retries */
    public Duration retryAfter() {
        return retryAfter;
    }
}
