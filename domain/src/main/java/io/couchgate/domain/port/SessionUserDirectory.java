package io.couchgate.domain.port;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;

/**
 * Session users in CouchDB's {@code _users}: one per session, name {@code users/<instanceId>/<username>/<sid>},
 * roles {@code end_user} and {@code user:<username>}.
 */
public interface SessionUserDirectory {

    /**
     * Creates the session's CouchDB user with the session's credentials (password stored pre-hashed).
     *
     * @param session the new session
     * @throws CouchDbException if CouchDB refuses or fails
     */
    void create(Session session);

    /**
     * Deletes the session's CouchDB user; deleting one that is gone already is not an error.
     *
     * @param session the ended session
     * @throws CouchDbException if CouchDB fails
     */
    void delete(Session session);

    /**
     * Asks, as couchgate's admin, whether the session's CouchDB user is still in {@code _users}: a 401 to the
     * session's own credentials alone does not prove it is gone (a cluster node may not have seen it yet).
     *
     * @param session a session
     * @return true when its user document exists (not deleted), false when CouchDB reports it missing or deleted
     * @throws CouchDbException if CouchDB fails or answers neither way
     */
    boolean exists(Session session);

    /**
     * Deletes every couchgate session user whose instance is not {@code current} (left by earlier runs).
     * Users outside the session-user prefix are never touched.
     *
     * @param current this run's instance id
     * @return how many users were deleted
     * @throws CouchDbException if CouchDB fails
     */
    long deleteAllNotOf(InstanceId current);
}
