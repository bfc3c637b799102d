package io.couchgate.application.session;

import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sweep of the {@code memory} mode. It reads the live leases, then deletes the session users of every other
 * instance without one, and this instance's own session users that its store holds no session for: what a login left
 * when CouchDB stored the user but its answer never came (the login answered 503 and forgot the session). A login
 * keeps the session before it creates the user, and a logout deletes the user before it forgets the session, so an
 * own user without its session is never one being made or in use; it is looked up when it is listed. An instance that
 * renews between the read and the delete is one whose lease had already lapsed (it was unreachable for three
 * intervals): its tokens were about to fail anyway, and its own next login works again. Leases that lapsed more
 * than {@link #LAPSED_LEASES_KEPT} ago are then deleted.
 * <p>
 * The same listing of {@code _users} also ends, as a logout would (the record, then its open streams), every session
 * this instance holds whose session user is gone: one that the admin CLI ended by deleting its user
 * ({@code admin users end-sessions}), or that someone deleted in CouchDB. No request per session is made. Only
 * sessions issued more than the grace period before the sweep began are ended: a login keeps its session before its
 * user's {@code PUT} is answered, so a young session missing from the listing may be one whose user is being made.
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
    private final SessionStreams streams;
    private final InstanceId self;
    private final Clock clock;
    private final Duration grace;

    /**
     * @param leases the instances' leases
     * @param directory where session users are kept in CouchDB
     * @param store this instance's sessions: its own session users are kept while their session is
     * @param streams ends the open streams of each session ended because its user is gone
     * @param self this instance
     * @param clock the current time, to tell live leases from lapsed ones and young sessions from old ones
     * @param grace how long before the sweep a session must have been issued to be ended for a missing user; longer
     *              than any login takes (its user's {@code PUT} included); not negative
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public SweepOrphanSessionUsersService(InstanceLeases leases, SessionUserDirectory directory, SessionStore store,
                                          SessionStreams streams, InstanceId self, Clock clock, Duration grace) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        this.grace = grace;
    }

    /** @return how many session users were deleted plus how many sessions were ended for a missing user */
    @Override
    public long sweep() {
        Instant now = clock.now();
        Map<String, Instant> held = store.issuedAtByDigest();
        Set<InstanceId> live = leases.liveAt(now);
        Set<String> listed = ConcurrentHashMap.newKeySet();
        long deleted = directory.deleteUsersWhere(name -> {
            if (!name.instance().equals(self)) {
                return !live.contains(name.instance());
            }
            listed.add(name.sessionKey());
            return store.findByDigest(name.sessionKey()).isEmpty();
        });
        leases.forgetLapsedBefore(now.minus(LAPSED_LEASES_KEPT));
        return deleted + endUserless(held, listed, now.minus(grace));
    }

    /** Ends each held session issued before {@code cutoff} whose user the whole listing did not show. */
    private long endUserless(Map<String, Instant> held, Set<String> listed, Instant cutoff) {
        long ended = 0;
        for (Map.Entry<String, Instant> session : held.entrySet()) {
            if (!listed.contains(session.getKey()) && session.getValue().isBefore(cutoff)) {
                Optional<Session> gone = store.findByDigest(session.getKey()).flatMap(s -> store.remove(s.id()));
                if (gone.isPresent()) {
                    streams.endAll(gone.get().id());
                    ended++;
                }
            }
        }
        return ended;
    }
}
