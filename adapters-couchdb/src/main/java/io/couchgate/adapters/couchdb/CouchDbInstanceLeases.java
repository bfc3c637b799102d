package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.InstanceLeases;
import io.micronaut.http.HttpMethod;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link InstanceLeases} in couchgate's own admin-only database {@code couchgate_instances} (provisioned by
 * {@link CouchDbServerProvisioner}): one document {@code instance:<uuid>} per instance with {@code expires_at} in
 * epoch milliseconds. A renewal is a {@code PUT} with the last known revision; on 409 (another writer, or a
 * revision this object did not know) it reads the current one and tries again, a few times. Renewals and
 * releases through one object run one at a time, so they never conflict with each other.
 */
public final class CouchDbInstanceLeases implements InstanceLeases {

    /** A durable deployment's lease never lapses: it expires on the last millisecond of year 9999. */
    static final Instant DURABLE_UNTIL = Instant.parse("9999-12-31T23:59:59.999Z");

    /** How often one renewal or release re-reads the revision after a 409 before it gives up. */
    static final int ATTEMPTS = 5;

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final Map<InstanceId, String> knownRevs = new ConcurrentHashMap<>();

    /**
     * @param couch the connection to CouchDB
     * @param admin couchgate's server admin, the only member of {@code couchgate_instances}
     */
    public CouchDbInstanceLeases(CouchDbConnection couch, CouchCredentials admin) {
        this.couch = Objects.requireNonNull(couch, "couch");
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    @Override
    public synchronized void renew(InstanceId instance, Instant expiresAt) {
        String id = LeaseDocument.ID_PREFIX + instance;
        String path = path(instance);
        String rev = knownRevs.get(instance);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Reply reply = couch.send(HttpMethod.PUT, path, admin,
                    LeaseDocument.lease(id, rev, expiresAt.toEpochMilli()));
            if (reply.is(201) || reply.is(202)) {
                knownRevs.put(instance, couch.read(reply, Revision.class).rev());
                return;
            }
            if (!reply.is(409)) {
                throw new CouchDbException(reply.describe());
            }
            rev = currentRev(path);
        }
        throw new CouchDbException("PUT " + path + " kept conflicting (" + ATTEMPTS + " attempts)");
    }

    /**
     * Writes the deployment's lease once, expiring at {@link #DURABLE_UNTIL} and naming its sessions database; a 409
     * means another instance of the deployment wrote it first, which is the same outcome when it names the same
     * database (a mark without one, from before it was recorded, is taken as agreeing).
     */
    @Override
    public synchronized void markDurable(InstanceId deployment, String sessionsDatabase) {
        String path = path(deployment);
        Reply reply = couch.send(HttpMethod.PUT, path, admin, new LeaseDocument(LeaseDocument.ID_PREFIX + deployment,
                null, DURABLE_UNTIL.toEpochMilli(), sessionsDatabase));
        if (reply.is(201) || reply.is(202)) {
            return;
        }
        if (!reply.is(409)) {
            throw new CouchDbException(reply.describe());
        }
        Reply existing = couch.send(HttpMethod.GET, path, admin, null);
        if (!existing.is(200)) {
            throw new CouchDbException(existing.describe());
        }
        String marked = couch.read(existing, LeaseDocument.class).sessionsDatabase();
        if (marked != null && !marked.equals(sessionsDatabase)) {
            throw new DeploymentMismatchException("deployment " + deployment + " keeps its sessions in " + marked
                    + ", not " + sessionsDatabase + ": every instance of a deployment must have the same "
                    + "couchgate.sessions.database (with another one this instance would take every session of the "
                    + "deployment for an orphan and delete its CouchDB user)");
        }
    }

    @Override
    public synchronized void release(InstanceId instance) {
        String path = path(instance);
        knownRevs.remove(instance);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String rev = currentRev(path);
            if (rev == null) {
                return;
            }
            Reply reply = couch.send(HttpMethod.DELETE, path + "?rev=" + CouchDbPaths.queryValue(rev), admin, null);
            if (reply.is(200) || reply.is(202) || reply.is(404)) {
                return;
            }
            if (!reply.is(409)) {
                throw new CouchDbException(reply.describe());
            }
        }
        throw new CouchDbException("DELETE " + path + " kept conflicting (" + ATTEMPTS + " attempts)");
    }

    @Override
    public Set<InstanceId> liveAt(Instant now) {
        long nowMillis = now.toEpochMilli();
        Set<InstanceId> live = new HashSet<>();
        for (LeasePage.Row row : leases()) {
            if (row.doc() == null || row.doc().expiresAt() == null || row.doc().expiresAt() <= nowMillis) {
                continue;
            }
            try {
                live.add(InstanceId.parse(row.id().substring(LeaseDocument.ID_PREFIX.length())));
            } catch (IllegalArgumentException notALease) {
                // an id in the range that is not instance:<uuid> is nobody's lease
            }
        }
        return Set.copyOf(live);
    }

    /**
     * One {@code _bulk_docs} of tombstones for the leases that expired before the cutoff; a conflict (another
     * instance deleted or renewed it first) is not counted and not an error.
     */
    @Override
    public long forgetLapsedBefore(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        List<BulkDeletion.Tombstone> lapsed = leases().stream()
                .filter(row -> row.doc() != null && row.doc().expiresAt() != null && row.doc().rev() != null
                        && row.doc().expiresAt() < cutoffMillis)
                .map(row -> new BulkDeletion.Tombstone(row.id(), row.doc().rev(), true))
                .toList();
        if (lapsed.isEmpty()) {
            return 0;
        }
        Reply reply = couch.send(HttpMethod.POST, "/" + CouchDbServerProvisioner.INSTANCES + "/_bulk_docs", admin,
                new BulkDeletion(lapsed));
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
        return couch.readList(reply, BulkDeletion.Result.class).stream().filter(BulkDeletion.Result::succeeded)
                .count();
    }

    private List<LeasePage.Row> leases() {
        String path = "/" + CouchDbServerProvisioner.INSTANCES + "/_all_docs?include_docs=true&startkey="
                + CouchDbPaths.queryValue(couch.jsonString(LeaseDocument.ID_PREFIX))
                + "&endkey=" + CouchDbPaths.queryValue(couch.jsonString(LeaseDocument.ID_PREFIX + "\ufff0"));
        Reply reply = couch.send(HttpMethod.GET, path, admin, null);
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return couch.read(reply, LeasePage.class).rows();
    }

    private static String path(InstanceId instance) {
        return CouchDbPaths.doc(CouchDbServerProvisioner.INSTANCES, LeaseDocument.ID_PREFIX + instance);
    }

    /** @return the document's current revision, or null when there is none (never written, or deleted) */
    private String currentRev(String path) {
        Reply current = couch.send(HttpMethod.GET, path, admin, null);
        if (current.is(404)) {
            return null;
        }
        if (!current.is(200)) {
            throw new CouchDbException(current.describe());
        }
        return couch.read(current, DocRevision.class).rev();
    }
}
