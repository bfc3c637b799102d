package io.couchgate.adapters.http.api;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Refuses a signup or login that waited longer than {@code couchgate.password.queue-timeout} (default 2 s) for an
 * {@code /api} thread, before it takes throttle tokens or hashes: its client has waited long enough, and the requests
 * queued behind it get their turn sooner.
 */
@Singleton
final class QueueWaitLimit {

    /** What a client refused here is told to wait. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Duration limit;

    /** @param limit {@code couchgate.password.queue-timeout}: the longest wait for a thread, positive */
    QueueWaitLimit(@Value("${couchgate.password.queue-timeout:2s}") Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("couchgate.password.queue-timeout must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /** @throws ApiException {@code server-busy} (503, {@code Retry-After: 1}) when this request waited too long */
    void check() {
        if (ApiExecutor.waitedOnThisThread().compareTo(limit) > 0) {
            throw new ApiException(ProblemType.SERVER_BUSY, "too many requests at once; try again shortly",
                    RETRY_AFTER);
        }
    }
}
