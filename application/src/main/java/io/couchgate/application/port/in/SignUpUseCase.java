package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.WeakPasswordException;

/** Creates an app account (architecture flow 3). */
public interface SignUpUseCase {

    /**
     * Checks the password policy, hashes the NFKC-normalised password with Argon2id and stores the account.
     *
     * @param command the username and password
     * @return the normalised username of the new account
     * @throws SignUpClosedException if signup is closed by configuration ({@link SignUpMode#CLOSED})
     * @throws InvitationInvalidException in {@link SignUpMode#INVITE} without a valid, unexpired, unused invitation
     * @throws WeakPasswordException if the password policy refuses the password
     * @throws UsernameTakenException if the username exists
     * @throws CouchDbException if CouchDB fails
     */
    Username signUp(SignUpCommand command);
}
