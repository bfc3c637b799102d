package io.couchgate.bootstrap.testing;

import io.couchgate.domain.port.Clock;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * The system clock plus an offset a test can move forward, in place of couchgate's clock when
 * {@code test.clock.adjustable} is {@code true}: lets an end-to-end test pass days (a quarantine) without sleeping.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = AdjustableClock.ENABLED, value = "true")
public final class AdjustableClock implements Clock {

    /** The property that puts this clock in place. */
    public static final String ENABLED = "test.clock.adjustable";

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return Instant.now().plus(offset);
    }

    /** @param duration how far to move the clock forward */
    public synchronized void advance(Duration duration) {
        offset = offset.plus(duration);
    }
}
