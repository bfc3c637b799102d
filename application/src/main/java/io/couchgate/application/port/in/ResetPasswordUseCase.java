package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.WeakPasswordException;

/** Sets a user's password without the old one and ends all the user's sessions (admin CLI {@code reset-password}). */
public interface ResetPasswordUseCase {

    /**
     * @param command the user, the new password or none for a random one, and whether it is one-time (then the
     *                account is marked "password change required" until its owner changes it)
     * @return the new password: the random one made, or the one given (the caller wipes it)
     * @throws NoSuchUserException if there is no such account
     * @throws WeakPasswordException if the given password breaks the policy (nothing changes)
     * @throws CouchDbException if CouchDB fails
     */
    char[] resetPassword(ResetPasswordCommand command);
}
