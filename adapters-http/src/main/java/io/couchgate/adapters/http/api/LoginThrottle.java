package io.couchgate.adapters.http.api;

import io.couchgate.domain.port.Clock;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Limits failed logins: at most {@value #PER_USERNAME} per username and {@value #PER_ADDRESS} per client address
 * in any {@link #WINDOW} (token buckets with greedy refill, Bucket4j). An attempt takes a token from both buckets
 * before the password is checked; a success gives the address its token back and resets the username's bucket.
 * A refused attempt is not checked at all, so a throttled account cannot be probed even with the right password.
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
     * Takes one attempt from the address's and the username's allowance.
     *
     * @param address the client's socket address (never {@code X-Forwarded-For})
     * @param username the normalised username, or the name as typed when it cannot be normalised
     * @throws ApiException {@code too-many-requests} with the wait until the next attempt is allowed
     */
    void acquire(String address, String username) {
        ConsumptionProbe fromAddress = byAddress.get(address).tryConsumeAndReturnRemaining(1);
        if (!fromAddress.isConsumed()) {
            throw tooMany(fromAddress);
        }
        ConsumptionProbe fromUsername = byUsername.get(username).tryConsumeAndReturnRemaining(1);
        if (!fromUsername.isConsumed()) {
            byAddress.get(address).addTokens(1);
            throw tooMany(fromUsername);
        }
    }

    /** A login succeeded: only failures count against the address, and the username starts afresh. */
    void succeeded(String address, String username) {
        byAddress.get(address).addTokens(1);
        byUsername.reset(username);
    }

    /** The attempt ended without a verdict on the password (e.g. CouchDB failed): it does not count. */
    void released(String address, String username) {
        byAddress.get(address).addTokens(1);
        byUsername.get(username).addTokens(1);
    }

    private static Bucket bucket(int capacity, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, WINDOW))
                .withCustomTimePrecision(time)
                .build();
    }

    private static ApiException tooMany(ConsumptionProbe probe) {
        return new ApiException(ProblemType.TOO_MANY_REQUESTS, "too many failed logins; try again later",
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
