package io.couchgate.application.session;

import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the live leases, then deletes the session users of every other instance without one. An instance that
 * renews between the read and the delete is one whose lease had already lapsed (it was unreachable for three
 * intervals): its tokens were about to fail anyway, and its own next login works again.
 */
public final class SweepOrphanSessionUsersService implements SweepOrphanSessionUsersUseCase {

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
        Set<InstanceId> live = leases.liveAt(clock.now());
        return directory.deleteWhere(instance -> !instance.equals(self) && !live.contains(instance));
    }
}
