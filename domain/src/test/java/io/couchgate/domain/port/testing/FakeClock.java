package io.couchgate.domain.port.testing;

import io.couchgate.domain.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A {@link Clock} that stands still until a test sets or advances it. Thread-safe. */
public final class FakeClock implements Clock {

    /** A fixed, recognisable start instant: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private volatile Instant now;

    /** Starts at {@link #DEFAULT_START}. */
    public FakeClock() {
        this(DEFAULT_START);
    }

    /** @param start the instant {@link #now()} returns until changed */
    public FakeClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant now() {
        return now;
    }

    /** @param instant the new current time */
    public void set(Instant instant) {
        this.now = Objects.requireNonNull(instant, "instant");
    }

    /**
     * @param duration how far to move forward (may be negative to step back)
     * @return the new current time
     */
    public synchronized Instant advance(Duration duration) {
        now = now.plus(duration);
        return now;
    }
}
