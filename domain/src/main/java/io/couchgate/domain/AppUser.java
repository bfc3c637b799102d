package io.couchgate.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An account of the app, kept in the {@code app_users} database as doc {@code user:<username>}.
 *
 * @param username the normalised name
 * @param passwordHash the Argon2id hash of the password
 * @param createdAt when the account was made
 */
public record AppUser(Username username, PasswordHash passwordHash, Instant createdAt) {

    /** @throws NullPointerException if any part is null */
    public AppUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * @param newHash the re-made hash (e.g. under current parameters)
     * @return this account with {@code newHash}
     */
    public AppUser withPasswordHash(PasswordHash newHash) {
        return new AppUser(username, newHash, createdAt);
    }
}
