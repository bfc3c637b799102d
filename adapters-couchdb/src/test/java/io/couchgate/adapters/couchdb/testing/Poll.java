package io.couchgate.adapters.couchdb.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by asking it again and again until a deadline. */
final class Poll {

    private Poll() {
    }

    /**
     * Asks {@code condition} until it holds or {@code timeout} has passed, pausing between
     * attempts; the pause doubles from {@code firstPause} on.
     *
     * @param condition what to wait for
     * @param timeout how long to keep asking
     * @param firstPause the pause after the first failed attempt
     * @return whether the condition held before the deadline
     */
    static boolean until(BooleanSupplier condition, Duration timeout, Duration firstPause) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = Math.max(1, firstPause.toMillis());
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            pause(Math.min(pauseMillis, leftMillis));
            pauseMillis *= 2;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
