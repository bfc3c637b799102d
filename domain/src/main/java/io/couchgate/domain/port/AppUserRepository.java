package io.couchgate.domain.port;

import io.couchgate.domain.AccountChangedException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import java.time.Instant;
import java.util.Optional;

/**
 * The app's accounts (CouchDB database {@code app_users}, readable by couchgate's admin alone). A deleted account
 * leaves a deletion mark under its name (with the deletion time and no password hash), so that the name is not
 * signed up again before its quarantine ends: nobody inherits the documents of someone who left.
 */
public interface AppUserRepository {

    /**
     * Stores a new account under a name that has never been used: {@code create(user, Instant.MIN)}.
     *
     * @param user the account
     * @throws UsernameTakenException if an account with that username exists, or existed and was deleted
     * @throws CouchDbException if the store fails
     */
    default void create(AppUser user) {
        create(user, Instant.MIN);
    }

    /**
     * Stores a new account. The name must be free: no account has it, and it was either never used or its account
     * was deleted before {@code deletedBefore}, in which case the new account replaces the deletion mark. Two
     * concurrent calls for one name make at most one account.
     *
     * @param user the account
     * @param deletedBefore a deletion mark older than this no longer holds the name ({@link Instant#MIN}: every
     *                      mark holds it)
     * @throws UsernameTakenException if an account with that username exists, or was deleted at or after
     *                                {@code deletedBefore}
     * @throws CouchDbException if the store fails
     */
    void create(AppUser user, Instant deletedBefore);

    /**
     * @param username the normalised name
     * @return the account, or empty when there is none (never was, or deleted)
     * @throws CouchDbException if the store fails
     */
    Optional<AppUser> findByUsername(Username username);

    /**
     * Replaces an existing account's password hash (e.g. re-hashed under current parameters). A deleted account is
     * never brought back by this.
     *
     * @param user the account with its new hash
     * @throws CouchDbException if the store fails or the account does not exist (never was, or deleted)
     */
    void update(AppUser user);

    /**
     * Deletes the account: it is replaced by a deletion mark with {@code deletedAt}, only if it is still as read
     * (the same password hash), so that a password changed meanwhile is never bypassed. Afterwards
     * {@link #findByUsername} finds nothing and the name is held as {@link #create(AppUser, Instant)} says.
     *
     * @param user the account as read, with the password hash that was verified
     * @param deletedAt when it was deleted
     * @throws AccountChangedException if there is no such account any more, or its password hash changed
     * @throws CouchDbException if the store fails (the account is then kept)
     */
    void delete(AppUser user, Instant deletedAt);
}
