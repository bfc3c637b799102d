package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;

/** Ends every session of a user, on every instance, from outside any server (admin CLI {@code users end-sessions}). */
public interface EndUserSessionsUseCase {

    /**
     * @param username the user
     * @return how many sessions (durable records and CouchDB session users) were ended
     * @throws NoSuchUserException if there is no such account
     * @throws CouchDbException if CouchDB fails (the sessions not yet ended are kept; a retry ends them)
     */
    int endSessions(Username username);
}
