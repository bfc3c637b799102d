package io.couchgate.adapters.http.api;

import io.couchgate.domain.port.Clock;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Limits logins with token buckets (greedy refill, Bucket4j) over any {@link #WINDOW}: at most {@value #PER_USERNAME}
 * failures per username and {@value #PER_ADDRESS} per client address, and at most
 * {@code couchgate.login.successes-per-user} (default {@value #DEFAULT_SUCCESSES_PER_USERNAME}) successes per
 * username. Every attempt {@link #reserve reserves} a token from all three buckets before its password is checked,
 * so concurrent attempts can never check more passwords than the limits allow; the verdict then gives back what it
 * did not use ({@link Reservation}). A refused attempt is not checked at all, so a throttled account cannot be
 * probed even with the right password.
 */
@Singleton
final class LoginThrottle {

    static final int PER_USERNAME = 10;
    static final int PER_ADDRESS = 30;
    /** Default successes per username: the session cap (20) plus {@link #PER_USERNAME}, see README. */
    static final int DEFAULT_SUCCESSES_PER_USERNAME = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Buckets kept per kind at most (about 100 bytes each). */
    static final int MAX_TRACKED = 100_000;

    private static final String FAILURES = "too many failed logins; try again later";
    private static final String SUCCESSES = "too many logins for this user; try again later";

    private final BoundedBuckets failuresByUsername;
    private final BoundedBuckets failuresByAddress;
    private final BoundedBuckets successesByUsername;

    /**
     * @param clock the time source of the buckets
     * @param successesPerUsername {@code couchgate.login.successes-per-user}: successful logins per username in
     *                             any {@link #WINDOW}, at least 1
     * @throws IllegalArgumentException if {@code successesPerUsername} is below 1
     */
    LoginThrottle(Clock clock,
                  @Value("${couchgate.login.successes-per-user:" + DEFAULT_SUCCESSES_PER_USERNAME + "}")
                  int successesPerUsername) {
        if (successesPerUsername < 1) {
            throw new IllegalArgumentException("couchgate.login.successes-per-user must be at least 1, was "
                    + successesPerUsername);
        }
        TimeMeter time = new ClockTimeMeter(clock);
        this.failuresByUsername = new BoundedBuckets(MAX_TRACKED, () -> bucket(PER_USERNAME, time));
        this.failuresByAddress = new BoundedBuckets(MAX_TRACKED, () -> bucket(PER_ADDRESS, time));
        this.successesByUsername = new BoundedBuckets(MAX_TRACKED, () -> bucket(successesPerUsername, time));
    }

    /**
     * Takes one token from the address's failures, the username's failures and the username's successes, or none.
     *
     * @param address the client's socket address (never {@code X-Forwarded-For})
     * @param username the normalised username, or the name as typed when it cannot be normalised
     * @return the reservation, to settle with exactly one of its methods once the attempt's outcome is known
     * @throws ApiException {@code too-many-requests} with the wait until one bucket that was empty has a token
     */
    Reservation reserve(String address, String username) {
        Bucket fromAddress = failuresByAddress.get(address);
        take(fromAddress, FAILURES);
        Bucket fromUsername = failuresByUsername.get(username);
        try {
            take(fromUsername, FAILURES);
        } catch (ApiException e) {
            fromAddress.addTokens(1);
            throw e;
        }
        Bucket successes = successesByUsername.get(username);
        try {
            take(successes, SUCCESSES);
        } catch (ApiException e) {
            fromAddress.addTokens(1);
            fromUsername.addTokens(1);
            throw e;
        }
        return new Reservation(username, fromAddress, fromUsername, successes);
    }

    private static void take(Bucket bucket, String detail) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new ApiException(ProblemType.TOO_MANY_REQUESTS, detail,
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private static Bucket bucket(int capacity, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, WINDOW))
                .withCustomTimePrecision(time)
                .build();
    }

    /** The tokens one attempt holds; settle it once. Refunds go to the buckets they came from. */
    final class Reservation {

        private final String username;
        private final Bucket address;
        private final Bucket failures;
        private final Bucket successes;

        private Reservation(String username, Bucket address, Bucket failures, Bucket successes) {
            this.username = username;
            this.address = address;
            this.failures = failures;
            this.successes = successes;
        }

        /** The password was right: the address gets its token back, the username's failures start afresh. */
        void succeeded() {
            address.addTokens(1);
            failuresByUsername.reset(username);
        }

        /**
         * The password of an account operation was right: as {@link #succeeded()}, and the success token comes back
         * too (no session was opened, so no login was spent).
         */
        void verified() {
            succeeded();
            successes.addTokens(1);
        }

        /** Unknown user or wrong password: the failure tokens stay taken, the success token comes back. */
        void failed() {
            successes.addTokens(1);
        }

        /** No verdict (CouchDB down, hashing busy): every token comes back. */
        void cancelled() {
            address.addTokens(1);
            failures.addTokens(1);
            successes.addTokens(1);
        }
    }
}
