package io.couchgate.application.session;

import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionUserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The sweep of the {@code memory} mode. It reads the live leases, then deletes the session users of every other
 * instance without one, and this instance's own session users that its store holds no session for: what a login left
 * when CouchDB stored the user but its answer never came (the login answered 503 and forgot the session). A login
 * keeps the session before it creates the user, and a logout deletes the user before it forgets the session, so an
 * own user without its session is never one being made or in use; it is looked up when it is listed. An instance that
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
    private final SessionStore store;
    private final InstanceId self;
    private final Clock clock;

    /**
     * @param leases the instances' leases
     * @param directory where session users are kept in CouchDB
     * @param store this instance's sessions: its own session users are kept while their session is
     * @param self this instance
     * @param clock the current time, to tell live leases from lapsed ones
     */
    public SweepOrphanSessionUsersService(InstanceLeases leases, SessionUserDirectory directory, SessionStore store,
                                          InstanceId self, Clock clock) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long sweep() {
        Instant now = clock.now();
        Set<InstanceId> live = leases.liveAt(now);
        long deleted = directory.deleteUsersWhere(name -> name.instance().equals(self)
                ? store.findByDigest(name.sessionKey()).isEmpty()
                : !live.contains(name.instance()));
        leases.forgetLapsedBefore(now.minus(LAPSED_LEASES_KEPT));
        return deleted;
    }
}
