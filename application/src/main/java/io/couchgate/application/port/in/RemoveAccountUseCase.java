package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;

/**
 * Deletes an account as {@link DeleteAccountUseCase} does (sessions end, a deletion mark holds the name for the
 * quarantine, documents stay), without its password (admin CLI {@code users delete}).
 */
public interface RemoveAccountUseCase {

    /**
     * @param username the account
     * @throws NoSuchUserException if there is no such account
     * @throws CouchDbException if CouchDB fails (the account is then kept, maybe logged out)
     */
    void removeAccount(Username username);
}
