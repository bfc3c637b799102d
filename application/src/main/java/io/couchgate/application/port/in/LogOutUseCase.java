package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;

/** Ends sessions (architecture flow 6): deletes their CouchDB users, then forgets their credentials. */
public interface LogOutUseCase {

    /**
     * @param sessionId the session to end; an unknown one is ignored
     * @throws CouchDbException if CouchDB fails (the session is then kept, so the logout can be retried)
     */
    void logOut(SessionId sessionId);

    /**
     * @param username the user whose every session ends
     * @return how many sessions were ended
     * @throws CouchDbException if CouchDB fails; it stops at the first session it cannot end, and that one and the
     *     rest are kept, so the call can be retried
     */
    int logOutEverywhere(Username username);
}
