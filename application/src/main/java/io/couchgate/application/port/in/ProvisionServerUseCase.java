package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Secrets;

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
}
