package io.couchgate.domain.port;

import java.time.Instant;

/** The current time; injected so that expiry can be tested without sleeping. */
@FunctionalInterface
public interface Clock {

    /** @return the current instant (UTC, millisecond precision or better) */
    Instant now();

    /** @return the system clock */
    static Clock system() {
        return Instant::now;
    }
}
