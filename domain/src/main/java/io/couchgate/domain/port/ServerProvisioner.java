package io.couchgate.domain.port;

import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes CouchDB hold what couchgate needs: its admin, databases, {@code _security} objects and
 * {@code validate_doc_update} design docs. Every method is idempotent.
 */
public interface ServerProvisioner {

    /** Every admin couchgate makes is named this and a random suffix ({@code couchgate-admin-x7k2m9qa}). */
    String ADMIN_NAME_PREFIX = "couchgate-admin-";

    /**
     * @return true when CouchDB is in admin party (anonymous {@code GET /_session} has role {@code _admin})
     * @throws CouchDbException if CouchDB cannot be reached
     */
    boolean isAdminParty();

    /**
     * Creates {@code admin} on every node of the cluster ({@code PUT /_node/<node>/_config/admins/<name>},
     * or {@code PUT /_config/admins/<name>} where that API is missing).
     *
     * @param admin the admin to create
     * @param actingAdmin credentials to create it with; empty in admin party
     * An admin of that name that exists already is never overwritten: its password is not the one couchgate holds
     * (else couchgate would have logged in), and overwriting it would lock out every other instance that holds the
     * right one.
     *
     * @throws AdminRejectedException if CouchDB refuses (it has admins and {@code actingAdmin} is missing or wrong)
     * @throws AdminExistsException if CouchDB has an admin of that name already
     * @throws CouchDbException if CouchDB fails otherwise
     */
    void createAdmin(CouchCredentials admin, Optional<CouchCredentials> actingAdmin);

    /**
     * One authentication attempt ({@code GET /_session} with Basic credentials). Callers bound their retries:
     * CouchDB 3.4 locks a name out after 5 failures from one address.
     *
     * @param admin the credentials to check
     * @return true when CouchDB answers with role {@code _admin} for them
     * @throws CouchDbException if CouchDB cannot be reached
     */
    boolean isAdmin(CouchCredentials admin);

    /**
     * Deletes every server admin named {@link #ADMIN_NAME_PREFIX}{@code *} except {@code admin} and those in
     * {@code keep}, on every node
     * ({@code GET} then {@code DELETE /_node/<node>/_config/admins/<name>}, or {@code /_config/admins} where that
     * API is missing; config/auth.html#server-administrators): the admins of earlier starts whose secrets were lost.
     * Admins of any other name are never touched. An admin that is gone already (another instance removed it first)
     * is not an error.
     *
     * @param admin couchgate's admin, the one that stays and that sends the requests
     * @param keep names that stay too (the bootstrap admin couchgate's admin was made with)
     * @return the names deleted, in the order CouchDB listed them (each once, however many nodes held it)
     * @throws AdminRejectedException if CouchDB does not take {@code admin} as an admin
     * @throws CouchDbException if CouchDB fails otherwise
     */
    List<String> removeOtherCouchgateAdmins(CouchCredentials admin, Set<String> keep);

    /**
     * Makes databases, {@code _security} and design docs match: {@code _users}, {@code _replicator},
     * {@code app_users} (members and admins: {@code admin} only) and each app database (members role
     * {@code end_user}, admins {@code admin}, {@code _design/couchgate} for its policy, versioned). Sends no write
     * where everything matches already.
     *
     * @param admin couchgate's admin
     * @param databases the app databases
     * @return how many writes were sent (0 when nothing had to change)
     * @throws CouchDbException if CouchDB fails
     */
    int provision(CouchCredentials admin, List<AppDatabase> databases);

    /** CouchDB refused to create an admin: it has admins, and the acting credentials were missing or wrong. */
    class AdminRejectedException extends RuntimeException {

        /** @param message what CouchDB answered, without credentials */
        public AdminRejectedException(String message) {
            super(message);
        }
    }

    /** CouchDB has an admin of the name couchgate was to create: it is not overwritten. */
    class AdminExistsException extends RuntimeException {

        /** @param message which admin, without credentials */
        public AdminExistsException(String message) {
            super(message);
        }
    }
}
