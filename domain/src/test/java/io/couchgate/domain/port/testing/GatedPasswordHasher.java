package io.couchgate.domain.port.testing;

import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.port.PasswordHasher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Wraps a real {@link PasswordHasher}, counts the {@code hash} and {@code verify} runs that reach it, and can hold
 * them at a gate: while {@link #close() closed}, every run waits inside until {@link #open()} (at most
 * {@link #HOLD_LIMIT}, so a broken test fails instead of hanging). Lets tests make requests overlap for real and
 * see how many got as far as hashing. Open at first. Thread-safe.
 */
public final class GatedPasswordHasher implements PasswordHasher {

    /** The longest a run is held at a closed gate. */
    public static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    private final PasswordHasher delegate;
    private final AtomicInteger entered = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** @param delegate the hasher that does the work */
    public GatedPasswordHasher(PasswordHasher delegate) {
        this.delegate = delegate;
    }

    @Override
    public PasswordHash hash(char[] password) {
        return run(() -> delegate.hash(password));
    }

    @Override
    public boolean verify(char[] password, PasswordHash hash) {
        return run(() -> delegate.verify(password, hash));
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return delegate.needsRehash(hash);
    }

    /** Holds every later run until {@link #open()}. */
    public void close() {
        gate = new CountDownLatch(1);
    }

    /** Lets every held and later run through. */
    public void open() {
        gate.countDown();
    }

    /** @return runs that reached this hasher so far, held ones included */
    public int entered() {
        return entered.get();
    }

    /** @return runs in progress now (held or hashing) */
    public int inside() {
        return inside.get();
    }

    /** @return the most runs that were in progress at once */
    public int mostInside() {
        return mostInside.get();
    }

    /** Forgets the counts so far (e.g. the dummy hash a service makes at construction). */
    public void resetCounts() {
        entered.set(0);
        mostInside.set(inside.get());
    }

    /**
     * Waits until at least {@code count} runs are in progress at once (woken by each run that starts).
     *
     * @param count how many runs to wait for
     * @param timeout how long to wait at most
     * @return whether they were reached in time
     */
    public synchronized boolean awaitInside(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inside.get() < count) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            wait(leftMillis);
        }
        return true;
    }

    private synchronized void started() {
        entered.incrementAndGet();
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        notifyAll();
    }

    private <T> T run(Supplier<T> work) {
        started();
        try {
            if (!gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("held at the gate for " + HOLD_LIMIT + "; the test never opened it");
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inside.decrementAndGet();
        }
    }
}
