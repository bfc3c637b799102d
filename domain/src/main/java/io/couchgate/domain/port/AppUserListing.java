package io.couchgate.domain.port;

import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import java.util.List;

/**
 * Every account of the app, for administration (the admin CLI's {@code users list}); kept apart from
 * {@link AppUserRepository}, which serves requests and never needs to see all accounts.
 */
public interface AppUserListing {

    /**
     * @return every account (deletion marks left out), ordered by username
     * @throws CouchDbException if the store fails
     */
    List<AppUser> findAll();
}
