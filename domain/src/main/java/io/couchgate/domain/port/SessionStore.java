package io.couchgate.domain.port;

import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where live sessions and their CouchDB credentials are kept (in memory by default). Thread-safe. */
public interface SessionStore {

    /** @param session a new session to keep */
    void put(Session session);

    /**
     * @param id the session id
     * @return the session, or empty when it was never kept or has been removed (revoked)
     */
    Optional<Session> find(SessionId id);

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
}
