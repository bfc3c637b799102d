package io.couchgate.domain.port;

import io.couchgate.domain.PasswordHash;

/** Hashes and verifies passwords (Argon2id). Callers wipe the {@code char[]} afterwards. */
public interface PasswordHasher {

    /**
     * @param password the password, already NFKC-normalised
     * @return a hash with a fresh random salt under the current parameters
     */
    PasswordHash hash(char[] password);

    /**
     * Constant-time comparison.
     *
     * @param password the candidate, already NFKC-normalised
     * @param hash the stored hash (its own parameters are used)
     * @return true when they match
     */
    boolean verify(char[] password, PasswordHash hash);

    /**
     * @param hash a stored hash
     * @return true when it was made under other parameters than the current ones
     */
    boolean needsRehash(PasswordHash hash);
}
