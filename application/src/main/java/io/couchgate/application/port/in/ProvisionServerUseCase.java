package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Secrets;
import java.util.List;

/** First start and every start (architecture flows 1 and 2, up to the purge). */
public interface ProvisionServerUseCase {

    /**
     * Loads or creates the secrets, creates and verifies couchgate's admin where needed, and makes databases,
     * {@code _security} objects and design docs match the configuration.
     *
     * @return the active secrets
     * @throws ProvisioningException with one clear line when couchgate cannot take charge of CouchDB
     * @throws CouchDbException if CouchDB fails
     */
    Secrets provision();

    /**
     * Call once the start has succeeded (the HTTP server is bound), so that a start that fails deletes nothing. When
     * this start made couchgate's admin (a first start on a CouchDB that has admins means the secrets of earlier
     * starts were lost), deletes the other {@code couchgate-admin-*} admins, which nothing can use any more, except
     * the bootstrap admin it was made with; admins of other names are never touched. Otherwise does nothing.
     *
     * @return the names of the admins deleted (empty when none was, or when this start made no admin)
     * @throws CouchDbException if CouchDB fails
     */
    List<String> removeEarlierAdmins();
}
