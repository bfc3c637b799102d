package io.couchgate.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a session lives.
 *
 * @param ttl time from login to expiry; positive (default {@link #DEFAULT_TTL})
 */
public record SessionPolicy(Duration ttl) {

    /** A week, the default session lifetime. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    /** @throws IllegalArgumentException if {@code ttl} is not positive */
    public SessionPolicy {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session ttl must be positive");
        }
    }

    /**
     * @param issuedAt the login time
     * @return the moment the session expires, {@code issuedAt + ttl}
     */
    public Instant expiresAt(Instant issuedAt) {
        return issuedAt.plus(ttl);
    }
}
