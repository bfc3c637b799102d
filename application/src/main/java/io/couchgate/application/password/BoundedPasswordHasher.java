package io.couchgate.application.password;

import io.couchgate.application.port.in.PasswordHashingBusyException;
import io.couchgate.application.port.out.Metrics;
import io.couchgate.domain.HashParameters;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.port.PasswordHasher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Admits at most {@code maxConcurrent} hash and verify runs of the wrapped hasher at once, so that a flood of logins
 * or signups cannot allocate unbounded Argon2id memory (each run takes {@code m} KiB). A call beyond that waits, in
 * arrival order, at most {@code queueTimeout} for a turn and then throws {@link PasswordHashingBusyException}
 * without hashing. {@link #needsRehash} costs nothing and is never held back. Each wait for a turn, admitted or not,
 * is reported to {@link Metrics#hashQueueWait}. Thread-safe.
 */
public final class BoundedPasswordHasher implements PasswordHasher {

    /** The default wait for a turn: 2 seconds ({@code couchgate.password.queue-timeout}). */
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(2);
    /** The share of the maximum heap that concurrent Argon2id runs may fill by default: a quarter. */
    public static final int HEAP_SHARE_DIVISOR = 4;

    private final PasswordHasher delegate;
    private final Semaphore turns;
    private final int maxConcurrent;
    private final Duration queueTimeout;
    private final Metrics metrics;

    /**
     * A bound that reports nothing.
     *
     * @param delegate the hasher that does the work
     * @param maxConcurrent how many runs may be in progress at once, at least 1
     * @param queueTimeout how long a call waits for a turn, positive
     * @throws IllegalArgumentException if {@code maxConcurrent} is below 1 or {@code queueTimeout} is not positive
     */
    public BoundedPasswordHasher(PasswordHasher delegate, int maxConcurrent, Duration queueTimeout) {
        this(delegate, maxConcurrent, queueTimeout, Metrics.NONE);
    }

    /**
     * @param delegate the hasher that does the work
     * @param maxConcurrent how many runs may be in progress at once, at least 1
     * @param queueTimeout how long a call waits for a turn, positive
     * @param metrics where each wait for a turn is reported
     * @throws IllegalArgumentException if {@code maxConcurrent} is below 1 or {@code queueTimeout} is not positive
     */
    public BoundedPasswordHasher(PasswordHasher delegate, int maxConcurrent, Duration queueTimeout,
                                 Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        if (queueTimeout.isNegative() || queueTimeout.isZero()) {
            throw new IllegalArgumentException("queueTimeout must be positive, was " + queueTimeout);
        }
        this.turns = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.queueTimeout = queueTimeout;
    }

    /**
     * The default bound: as many runs as fit in a quarter of the maximum heap, at least one.
     *
     * @param maxHeapBytes the JVM's maximum heap ({@code Runtime.getRuntime().maxMemory()}), in bytes
     * @param parameters the Argon2id cost of new hashes; {@code memoryKiB() × 1024} bytes per run
     * @return {@code max(1, maxHeapBytes / 4 / (memoryKiB × 1024))}
     */
    public static int defaultMaxConcurrent(long maxHeapBytes, HashParameters parameters) {
        long perRun = parameters.memoryKiB() * 1024L;
        long fits = maxHeapBytes / HEAP_SHARE_DIVISOR / perRun;
        return (int) Math.max(1, Math.min(fits, Integer.MAX_VALUE));
    }

    @Override
    public PasswordHash hash(char[] password) {
        return inTurn(() -> delegate.hash(password));
    }

    @Override
    public boolean verify(char[] password, PasswordHash hash) {
        return inTurn(() -> delegate.verify(password, hash));
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return delegate.needsRehash(hash);
    }

    /** @return how many runs may be in progress at once */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** @return how many runs are in progress now (a snapshot) */
    public int running() {
        return maxConcurrent - turns.availablePermits();
    }

    /** @return an estimate of how many calls are waiting for a turn now */
    public int waiting() {
        return turns.getQueueLength();
    }

    private <T> T inTurn(Supplier<T> run) {
        acquire();
        try {
            return run.get();
        } finally {
            turns.release();
        }
    }

    private void acquire() {
        long start = System.nanoTime();
        boolean admitted = false;
        try {
            admitted = turns.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            metrics.hashQueueWait(System.nanoTime() - start, admitted);
        }
        if (!admitted) {
            throw new PasswordHashingBusyException(queueTimeout);
        }
    }
}
