package io.couchgate.domain.port;

import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import java.util.Optional;

/** The app's accounts (CouchDB database {@code app_users}, readable by couchgate's admin alone). */
public interface AppUserRepository {

    /**
     * Stores a new account.
     *
     * @param user the account
     * @throws UsernameTakenException if an account with that username exists
     * @throws CouchDbException if the store fails
     */
    void create(AppUser user);

    /**
     * @param username the normalised name
     * @return the account, or empty when there is none
     * @throws CouchDbException if the store fails
     */
    Optional<AppUser> findByUsername(Username username);

    /**
     * Replaces an existing account's password hash (e.g. re-hashed under current parameters).
     *
     * @param user the account with its new hash
     * @throws CouchDbException if the store fails or the account does not exist
     */
    void update(AppUser user);
}
