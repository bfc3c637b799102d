package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;

/** Deletes a logged-in user's account ({@code DELETE /api/users/current}). */
public interface DeleteAccountUseCase {

    /**
     * Verifies the password (one Argon2id run, whatever the outcome), ends every session of the user (their open
     * streams included) and replaces the account by a deletion mark, which holds the name for the quarantine. The
     * user's documents are not touched.
     *
     * @param command the user and password
     * @throws InvalidCredentialsException if the password is wrong, or the account is gone or changed meanwhile
     * @throws PasswordHashingBusyException if no Argon2id turn came in time (nothing changed)
     * @throws CouchDbException if CouchDB fails (the account is then kept)
     */
    void deleteAccount(DeleteAccountCommand command);
}
