package io.couchgate.domain.port;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionUserName;
import java.util.function.Predicate;

/**
 * Session users in CouchDB's {@code _users}: one per session, name {@code users/<instanceId>/<username>/<digest>},
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
     * Deletes every couchgate session user whose name the predicate calls stale; the predicate sees every session
     * user's name (so a caller can also note which exist). Users outside the session-user prefix, and names that
     * {@link SessionUserName#parse} refuses, are never touched. Several instances may run this at once: a user
     * another one deleted first is simply not counted, never an error.
     *
     * @param isStale true for a session user that is to go
     * @return how many users this call deleted
     * @throws CouchDbException if CouchDB fails
     */
    long deleteUsersWhere(Predicate<SessionUserName> isStale);

    /**
     * Deletes every couchgate session user whose instance (the {@code <instanceId>} segment of its name) the
     * predicate calls stale: {@link #deleteUsersWhere} by instance.
     *
     * @param instanceIsStale true for an instance whose session users are to go
     * @return how many users this call deleted
     * @throws CouchDbException if CouchDB fails
     */
    default long deleteWhere(Predicate<InstanceId> instanceIsStale) {
        return deleteUsersWhere(name -> instanceIsStale.test(name.instance()));
    }

    /**
     * Deletes every couchgate session user whose instance is not {@code current}: {@link #deleteWhere} with
     * "any other instance" (tests and tools; couchgate itself spares instances with a live lease).
     *
     * @param current the instance whose users are kept
     * @return how many users were deleted
     * @throws CouchDbException if CouchDB fails
     */
    default long deleteAllNotOf(InstanceId current) {
        return deleteWhere(instance -> !instance.equals(current));
    }
}
