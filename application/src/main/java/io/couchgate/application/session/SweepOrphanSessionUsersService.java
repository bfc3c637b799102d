package io.couchgate.application.session;

import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionUserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the live leases, then deletes the session users of every other instance without one. An instance that
 * renews between the read and the delete is one whose lease had already lapsed (it was unreachable for three
 * intervals): its tokens were about to fail anyway, and its own next login works again. Leases that lapsed more
 * than {@link #LAPSED_LEASES_KEPT} ago are then deleted.
 */
public final class SweepOrphanSessionUsersService implements SweepOrphanSessionUsersUseCase {

    /**
     * How long the lease of a crashed or stopped instance stays after it lapsed (for an operator to see it); the
     * sweep then deletes it, its session users being gone already.
     */
    public static final Duration LAPSED_LEASES_KEPT = Duration.ofHours(1);

    private final InstanceLeases leases;
    private final SessionUserDirectory directory;
    private final InstanceId self;
    private final Clock clock;

    /**
     * @param leases the instances' leases
     * @param directory where session users are kept in CouchDB
     * @param self this instance: its session users are always kept
     * @param clock the current time, to tell live leases from lapsed ones
     */
    public SweepOrphanSessionUsersService(InstanceLeases leases, SessionUserDirectory directory, InstanceId self,
                                          Clock clock) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long sweep() {
        Instant now = clock.now();
        Set<InstanceId> live = leases.liveAt(now);
        long deleted = directory.deleteWhere(instance -> !instance.equals(self) && !live.contains(instance));
        leases.forgetLapsedBefore(now.minus(LAPSED_LEASES_KEPT));
        return deleted;
    }
}
