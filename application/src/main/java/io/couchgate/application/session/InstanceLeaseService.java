package io.couchgate.application.session;

import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionUserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Keeps this instance's lease and ends it at a graceful stop. Thread-safe. */
public final class InstanceLeaseService implements InstanceLeaseUseCase {

    private final InstanceLeases leases;
    private final SessionUserDirectory directory;
    private final InstanceId self;
    private final Clock clock;
    private final Duration lifetime;
    private volatile Instant lastRenewal;

    /**
     * @param leases the instances' leases
     * @param directory where session users are kept in CouchDB
     * @param self this instance
     * @param clock the current time
     * @param interval how often the lease is renewed; it lasts {@link #LEASE_INTERVALS} of them
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public InstanceLeaseService(InstanceLeases leases, SessionUserDirectory directory, InstanceId self, Clock clock,
                                Duration interval) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.lifetime = interval.multipliedBy(LEASE_INTERVALS);
    }

    @Override
    public void renew() {
        Instant now = clock.now();
        leases.renew(self, now.plus(lifetime));
        lastRenewal = now;
    }

    @Override
    public boolean isCurrent() {
        Instant renewed = lastRenewal;
        return renewed != null && clock.now().isBefore(renewed.plus(lifetime));
    }

    @Override
    public long stop() {
        try {
            return directory.deleteWhere(self::equals);
        } finally {
            lastRenewal = null;
            leases.release(self);
        }
    }
}
