package io.couchgate.domain.port;

import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;

/** Decides whether a new password is acceptable (length limits and estimated strength). */
public interface PasswordPolicy {

    /** Longest accepted password, in characters; longer ones are refused before any hashing. */
    int MAX_LENGTH = 1024;

    /**
     * @param password the candidate, NFKC-normalised
     * @param username the account it is for (a password built from it is weak)
     * @throws WeakPasswordException with the reason and advice when it is not acceptable
     */
    void requireAcceptable(char[] password, Username username);
}
