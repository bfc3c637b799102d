package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionUserName;
import io.micronaut.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the session users a predicate over their parsed names calls stale: a range
 * read of {@code _users/_all_docs} over the {@code org.couchdb.user:users/} prefix in pages, deletions by
 * {@code _bulk_docs} in batches. Ids outside the prefix (other users, {@code _design/_auth}) are never in the range;
 * ids in it that {@link SessionUserName#parse} refuses are left alone. A {@code conflict} in the answer
 * (another instance's purge deleted the user first) is not counted and not an error.
 */
final class SessionUserPurge {

    static final int PAGE_SIZE = 1000;
    static final int BATCH_SIZE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(SessionUserPurge.class);
    private static final String PREFIX = SessionUserDocument.ID_PREFIX + Session.SESSION_USER_PREFIX;

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final List<BulkDeletion.Tombstone> pending = new ArrayList<>();
    private long deleted;
    private long refused;
    private int requests;

    SessionUserPurge(CouchDbConnection couch, CouchCredentials admin) {
        this.couch = couch;
        this.admin = admin;
    }

    long deleteWhere(Predicate<SessionUserName> isStale) {
        String startKey = PREFIX;
        while (true) {
            List<AllDocsPage.Row> rows = page(startKey);
            for (AllDocsPage.Row row : rows) {
                // startkey is inclusive: the previous page's last row comes again unless it was deleted.
                if (!row.id().equals(startKey) && isStale(row.id(), isStale)) {
                    pending.add(new BulkDeletion.Tombstone(row.id(), row.value().rev(), true));
                    flushIfFull();
                }
            }
            if (rows.size() < PAGE_SIZE) {
                break;
            }
            startKey = rows.get(rows.size() - 1).id();
        }
        flush();
        LOG.debug("deleted {} session users of stale instances in {} requests", deleted, requests);
        return deleted;
    }

    static boolean isStale(String id, Predicate<SessionUserName> isStale) {
        if (!id.startsWith(PREFIX)) {
            return false;
        }
        return SessionUserName.parse(id.substring(SessionUserDocument.ID_PREFIX.length())).filter(isStale).isPresent();
    }

    private List<AllDocsPage.Row> page(String startKey) {
        String path = "/_users/_all_docs?startkey=" + CouchDbPaths.queryValue(couch.jsonString(startKey))
                + "&endkey=" + CouchDbPaths.queryValue(couch.jsonString(PREFIX + "\ufff0"))
                + "&limit=" + PAGE_SIZE;
        Reply reply = couch.send(HttpMethod.GET, path, admin, null);
        requests++;
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return couch.read(reply, AllDocsPage.class).rows();
    }

    private void flushIfFull() {
        if (pending.size() >= BATCH_SIZE) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Reply reply = couch.send(HttpMethod.POST, "/_users/_bulk_docs", admin, new BulkDeletion(List.copyOf(pending)));
        requests++;
        pending.clear();
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
        List<BulkDeletion.Result> results = couch.readList(reply, BulkDeletion.Result.class);
        long ok = results.stream().filter(BulkDeletion.Result::succeeded).count();
        // conflict: another instance's purge (or a login's own delete) got there first, which is fine
        long refusedNow = results.stream().filter(r -> !r.succeeded() && !"conflict".equals(r.error())).count();
        if (refusedNow > 0) {
            LOG.warn("{} of {} session-user deletions were refused; the next sweep retries them", refusedNow,
                    results.size());
        }
        deleted += ok;
        refused += refusedNow;
    }

    /** @return the deletions CouchDB refused for another reason than a conflict, so far (the next sweep retries) */
    long refused() {
        return refused;
    }

    /** @return the requests sent to CouchDB so far (pages read plus batches sent) */
    int requests() {
        return requests;
    }
}
