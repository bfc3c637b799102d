package io.couchgate.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An account of the app, kept in the {@code app_users} database as doc {@code user:<username>}.
 *
 * @param username the normalised name
 * @param passwordHash the Argon2id hash of the password
 * @param createdAt when the account was made
 * @param passwordChangeRequired whether the password is a one-time password an administrator set (admin CLI
 *                               {@code reset-password}): a login with it opens a session that can only change it
 */
public record AppUser(Username username, PasswordHash passwordHash, Instant createdAt,
                      boolean passwordChangeRequired) {

    /** @throws NullPointerException if any part is null */
    public AppUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * An account whose password is its owner's (no change required).
     *
     * @throws NullPointerException if any part is null
     */
    public AppUser(Username username, PasswordHash passwordHash, Instant createdAt) {
        this(username, passwordHash, createdAt, false);
    }

    /**
     * @param newHash the re-made hash of the same password (e.g. under current parameters)
     * @return this account with {@code newHash}, still requiring a change if it did
     */
    public AppUser withPasswordHash(PasswordHash newHash) {
        return new AppUser(username, newHash, createdAt, passwordChangeRequired);
    }

    /**
     * @param newHash the hash of a new password
     * @param changeRequired whether the new password is a one-time password its owner must replace
     * @return this account with the new password
     */
    public AppUser withNewPassword(PasswordHash newHash, boolean changeRequired) {
        return new AppUser(username, newHash, createdAt, changeRequired);
    }
}
