package io.couchgate.domain.port;

import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where live sessions and their CouchDB credentials are kept: in this process ({@code memory} mode) or in CouchDB
 * ({@code couchdb} mode, shared by every instance of a deployment). Thread-safe. Times are kept to the millisecond.
 */
public interface SessionStore {

    /** @param session a new session to keep */
    void put(Session session);

    /**
     * @param id the session id
     * @return the session, or empty when it was never kept or has been removed (revoked)
     */
    Optional<Session> find(SessionId id);

    /**
     * {@link #find} for a caller on a thread that must not wait for I/O (an event loop): answers only from memory.
     *
     * @param id the session id
     * @return {@code find(id)}'s answer when this store knows it without I/O; empty when only {@link #find} can tell
     *         (the default: a store that knows nothing without I/O)
     */
    default Optional<Optional<Session>> findWithoutWaiting(SessionId id) {
        return Optional.empty();
    }

    /**
     * @param id the session id
     * @return the removed session, or empty when there was none
     */
    Optional<Session> remove(SessionId id);

    /**
     * @param username the app user
     * @return every kept session of that user
     */
    List<Session> findByUsername(Username username);

    /**
     * @param now the current time
     * @return every kept session expired at {@code now} (see {@link Session#isExpiredAt(Instant)})
     */
    List<Session> findExpiredAt(Instant now);

    /**
     * Finds a session by its one-way name, for callers that know only that (the durable store's doc id, a changes
     * feed, the last segment of a session user's name).
     *
     * @param digest a {@link SessionId#digest()}
     * @return the session, or empty when none with that digest is kept
     */
    Optional<Session> findByDigest(String digest);

    /**
     * The index the orphan sweep compares with {@code _users}: one entry per kept session, expired ones included.
     *
     * @return each kept session's {@link SessionId#digest()} and its issued-at time
     */
    Map<String, Instant> issuedAtByDigest();
}
