package io.couchgate.domain.port;

import io.couchgate.domain.SessionId;

/**
 * The long-lived streams a session has open through couchgate ({@code _changes} feeds, long transfers), so that they
 * end when the session ends: a revoked session must not keep receiving changes. Thread-safe.
 */
public interface SessionStreams {

    /**
     * Ends every open stream of the session: their client connections are closed, and with them the CouchDB
     * connections they use. Returns without waiting; does nothing when the session has none.
     *
     * @param session the id of the session that ended
     */
    void endAll(SessionId session);
}
