package io.couchgate.adapters.http.api;

import io.couchgate.domain.port.Clock;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Limits failed logins: at most {@value #PER_USERNAME} per username and {@value #PER_ADDRESS} per client address
 * in any {@link #WINDOW} (token buckets with greedy refill, Bucket4j). An attempt is let through while both buckets
 * have tokens; a failure takes one from each; a success resets the username's bucket. A refused attempt is not
 * checked at all, so a throttled account cannot be probed even with the right password.
 */
@Singleton
final class LoginThrottle {

    static final int PER_USERNAME = 10;
    static final int PER_ADDRESS = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Buckets kept per kind at most (about 100 bytes each). */
    static final int MAX_TRACKED = 100_000;

    private final BoundedBuckets byUsername;
    private final BoundedBuckets byAddress;

    /** @param clock the time source of the buckets */
    LoginThrottle(Clock clock) {
        TimeMeter time = new ClockTimeMeter(clock);
        this.byUsername = new BoundedBuckets(MAX_TRACKED, () -> bucket(PER_USERNAME, time));
        this.byAddress = new BoundedBuckets(MAX_TRACKED, () -> bucket(PER_ADDRESS, time));
    }

    /**
     * Lets an attempt through while the address and the username have failures left in this window. It takes
     * nothing: only a failure counts, so any number of concurrent logins with the right password succeed
     * (one user on many devices), while Argon2id bounds how many guesses can be in flight.
     *
     * @param address the client's socket address (never {@code X-Forwarded-For})
     * @param username the normalised username, or the name as typed when it cannot be normalised
     * @throws ApiException {@code too-many-requests} with the wait until the next attempt is allowed
     */
    void acquire(String address, String username) {
        EstimationProbe fromAddress = byAddress.get(address).estimateAbilityToConsume(1);
        if (!fromAddress.canBeConsumed()) {
            throw tooMany(fromAddress.getNanosToWaitForRefill());
        }
        EstimationProbe fromUsername = byUsername.get(username).estimateAbilityToConsume(1);
        if (!fromUsername.canBeConsumed()) {
            throw tooMany(fromUsername.getNanosToWaitForRefill());
        }
    }

    /** A login failed (unknown user or wrong password): it counts against the address and the username. */
    void failed(String address, String username) {
        byAddress.get(address).tryConsume(1);
        byUsername.get(username).tryConsume(1);
    }

    /** A login succeeded: the username starts afresh. */
    void succeeded(String username) {
        byUsername.reset(username);
    }

    private static Bucket bucket(int capacity, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, WINDOW))
                .withCustomTimePrecision(time)
                .build();
    }

    private static ApiException tooMany(long nanosToWait) {
        return new ApiException(ProblemType.TOO_MANY_REQUESTS, "too many failed logins; try again later",
                Duration.ofNanos(nanosToWait));
    }
}
