package io.couchgate.adapters.http.api;

import io.couchgate.domain.port.Clock;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Limits signups: at most {@value #PER_ADDRESS} attempts per client address in any {@link #WINDOW} (a token bucket
 * with greedy refill, Bucket4j), because each one may cost a password-strength estimate and an Argon2id hash. Every
 * attempt counts, whatever its outcome: a refused attempt is not read at all.
 */
@Singleton
final class SignupThrottle {

    static final int PER_ADDRESS = 10;
    static final Duration WINDOW = Duration.ofHours(1);

    private final BoundedBuckets byAddress;

    /** @param clock the time source of the buckets */
    SignupThrottle(Clock clock) {
        ClockTimeMeter time = new ClockTimeMeter(clock);
        this.byAddress = new BoundedBuckets(LoginThrottle.MAX_TRACKED, () -> Bucket.builder()
                .addLimit(limit -> limit.capacity(PER_ADDRESS).refillGreedy(PER_ADDRESS, WINDOW))
                .withCustomTimePrecision(time)
                .build());
    }

    /**
     * Takes one attempt from the address's bucket.
     *
     * @param address the client's socket address (never {@code X-Forwarded-For})
     * @throws ApiException {@code too-many-requests} with the wait until the next attempt is allowed
     */
    void acquire(String address) {
        ConsumptionProbe probe = byAddress.get(address).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new ApiException(ProblemType.TOO_MANY_REQUESTS, "too many signups from this address; try again later",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
