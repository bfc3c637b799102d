package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;

/** Opens a session (architecture flow 4). */
public interface LogInUseCase {

    /**
     * Verifies the password (an unknown user costs the same Argon2id time), re-hashes an outdated hash, creates the
     * session's CouchDB user, keeps its credentials and issues a token.
     *
     * @param command the username and password
     * @return the token and session
     * @throws InvalidCredentialsException for an unknown user or a wrong password alike
     * @throws CouchDbException if CouchDB fails
     */
    LogInResult logIn(LogInCommand command);
}
