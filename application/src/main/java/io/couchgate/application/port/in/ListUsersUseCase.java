package io.couchgate.application.port.in;

import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import java.util.List;
import java.util.Optional;

/** Reads accounts for administration (admin CLI {@code users list} and {@code users show}). */
public interface ListUsersUseCase {

    /**
     * @return every account, by username (deleted ones left out)
     * @throws CouchDbException if CouchDB fails
     */
    List<AppUser> listUsers();

    /**
     * @param username the normalised name
     * @return the account, or empty when there is none
     * @throws CouchDbException if CouchDB fails
     */
    Optional<AppUser> findUser(Username username);
}
