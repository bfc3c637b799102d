package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;

/**
 * Drops a live session whose CouchDB user has vanished behind couchgate's back (deleted from {@code _users}
 * directly), after CouchDB answered 401 to the session's own credentials. The 401 alone is not trusted: couchgate's
 * admin must confirm the user is gone, else the session is kept (a cluster node may lag, or a validator may have
 * refused a document with {@code unauthorized}).
 */
public interface DropVanishedSessionUseCase {

    /**
     * @param session the session CouchDB refused with 401
     * @return {@link VanishedSessionOutcome#DROPPED} when this call ended the session,
     *         {@link VanishedSessionOutcome#ALREADY_ENDED} when its user is gone and the session had ended already,
     *         {@link VanishedSessionOutcome#USER_EXISTS} when the user is still there (nothing changed)
     * @throws CouchDbException if CouchDB fails while checking or deleting (the session is then kept)
     */
    VanishedSessionOutcome dropIfVanished(Session session);
}
