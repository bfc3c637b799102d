package io.couchgate.application.session;

import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionUserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sweep of the durable ({@code couchdb}) mode: it deletes only orphans, so that every instance of the deployment
 * can run it at any time, several at once.
 * <ul>
 *   <li>A session user of this deployment with no session doc is deleted. A login writes the doc first and creates
 *   the user second, so a user listed after the index was read has its doc unless it was removed; a user missing
 *   from the index is looked up once more before it goes, for the login that wrote its doc meanwhile.</li>
 *   <li>A session doc whose user is missing is removed once it is older than the grace period: a login between its
 *   two writes is never mistaken for a crash.</li>
 *   <li>Session users of other instances go when their instance has no live lease (what {@code memory}-mode runs left
 *   behind); durable deployments' leases never lapse ({@link InstanceLeases#markDurable}).</li>
 * </ul>
 * Expired sessions are the reaper's ({@link ReapExpiredSessionsService}). A kill -9 at any moment of a login or a
 * logout thus leaves nothing that one sweep after the grace period does not repair.
 */
public final class SweepDurableSessionsService implements SweepOrphanSessionUsersUseCase {

    /** The default grace period for a session doc without its user. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);

    private final InstanceLeases leases;
    private final SessionUserDirectory directory;
    private final SessionStore store;
    private final InstanceId deployment;
    private final Clock clock;
    private final Duration grace;

    /**
     * @param leases the instances' leases, for users that memory-mode instances left behind
     * @param directory where session users are kept in CouchDB
     * @param store the durable store itself (not a cache in front of it)
     * @param deployment this deployment's id, the instance segment of its session users' names
     * @param clock the current time
     * @param grace how old a session doc without its user must be before it is removed; not negative
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public SweepDurableSessionsService(InstanceLeases leases, SessionUserDirectory directory, SessionStore store,
                                       InstanceId deployment, Clock clock, Duration grace) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        this.grace = grace;
    }

    /** @return how many session users and session docs were deleted */
    @Override
    public long sweep() {
        Instant now = clock.now();
        Map<String, Instant> index = store.issuedAtByDigest();
        Set<InstanceId> live = leases.liveAt(now);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        long deleted = directory.deleteUsersWhere(name -> {
            if (!name.instance().equals(deployment)) {
                return !live.contains(name.instance());
            }
            seen.add(name.sessionKey());
            return !index.containsKey(name.sessionKey()) && store.findByDigest(name.sessionKey()).isEmpty();
        });
        leases.forgetLapsedBefore(now.minus(SweepOrphanSessionUsersService.LAPSED_LEASES_KEPT));
        Instant cutoff = now.minus(grace);
        for (Map.Entry<String, Instant> doc : index.entrySet()) {
            if (!seen.contains(doc.getKey()) && doc.getValue().isBefore(cutoff) && removeIfUserless(doc.getKey())) {
                deleted++;
            }
        }
        return deleted;
    }

    private boolean removeIfUserless(String digest) {
        Session session = store.findByDigest(digest).orElse(null);
        if (session == null || directory.exists(session)) {
            return false;
        }
        return store.remove(session.id()).isPresent();
    }
}
