package io.couchgate.adapters.http.api;

import io.couchgate.domain.port.Clock;
import io.github.bucket4j.TimeMeter;
import java.time.Instant;

/** Bucket4j's time source backed by the domain {@link Clock}, so tests move time instead of sleeping. */
final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.now();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
