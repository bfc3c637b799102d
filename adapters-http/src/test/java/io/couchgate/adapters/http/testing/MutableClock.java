package io.couchgate.adapters.http.testing;

import io.couchgate.domain.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand. */
public final class MutableClock implements Clock {

    private final AtomicReference<Instant> now;

    /** @param start the first instant it shows */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** @param step how far to move forward */
    public void advance(Duration step) {
        now.updateAndGet(t -> t.plus(step));
    }
}
