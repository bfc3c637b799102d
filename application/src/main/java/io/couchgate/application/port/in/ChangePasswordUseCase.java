package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.WeakPasswordException;

/** Changes a logged-in user's password ({@code PUT /api/users/current/password}). */
public interface ChangePasswordUseCase {

    /**
     * Verifies the current password (one Argon2id run, whatever the outcome), applies the password policy to the
     * new one, re-hashes it, ends every other session of the user (their open streams included) and stores the new
     * hash without the account's "password change required" mark; the calling session stays open, unless it was
     * opened with a one-time password ({@link ChangePasswordCommand#replacesOneTime()}): then it ends too.
     *
     * @param command the user, the session to keep and both passwords
     * @throws InvalidCredentialsException if the current password is wrong or the account is gone
     * @throws WeakPasswordException if the current password is right but the new one breaks the policy (the
     *                               message says which rule), or is the one-time password it replaces
     * @throws PasswordHashingBusyException if no Argon2id turn came in time (nothing changed)
     * @throws CouchDbException if CouchDB fails (the old password then still holds)
     */
    void changePassword(ChangePasswordCommand command);
}
