package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.DatabasePolicy;
import io.micronaut.http.HttpMethod;
import java.util.HashSet;

/**
 * Idempotent steps of provisioning, each reading first and writing only what differs. Each returns how many
 * writes it sent (0 or 1).
 */
final class DatabaseSetup {

    private final CouchDbConnection couch;
    private final CouchCredentials admin;

    DatabaseSetup(CouchDbConnection couch, CouchCredentials admin) {
        this.couch = couch;
        this.admin = admin;
    }

    /** Creates {@code db} when {@code GET /db} answers 404 (api/database/common.html#put--db). */
    int ensureDatabase(String db) {
        String path = "/" + CouchDbPaths.segment(db);
        Reply current = couch.send(HttpMethod.GET, path, admin, null);
        if (current.is(200)) {
            return 0;
        }
        if (!current.is(404)) {
            throw new CouchDbException(current.describe());
        }
        Reply created = couch.send(HttpMethod.PUT, path, admin, null);
        if (created.is(201) || created.is(202)) {
            return 1;
        }
        if (created.is(412)) { // made by someone else in between
            return 0;
        }
        throw new CouchDbException(created.describe());
    }

    /** Writes {@code wanted} as the {@code _security} of {@code db} unless it is that already. */
    int ensureSecurity(String db, SecurityObject wanted) {
        String path = "/" + CouchDbPaths.segment(db) + "/_security";
        Reply current = couch.send(HttpMethod.GET, path, admin, null);
        if (!current.is(200)) {
            throw new CouchDbException(current.describe());
        }
        if (sameSecurity(couch.read(current, SecurityObject.class), wanted)) {
            return 0;
        }
        Reply written = couch.send(HttpMethod.PUT, path, admin, wanted);
        if (!written.is(200)) {
            throw new CouchDbException(written.describe());
        }
        return 1;
    }

    /** Writes {@code _design/couchgate} for {@code policy} when missing or of a lower {@code couchgate_version}. */
    int ensureDesignDocument(String db, DatabasePolicy policy) {
        String path = "/" + CouchDbPaths.segment(db) + "/" + Validators.DESIGN_DOC_ID;
        Reply current = couch.send(HttpMethod.GET, path, admin, null);
        String rev = null;
        if (current.is(200)) {
            DesignDocument stored = couch.read(current, DesignDocument.class);
            if (stored.couchgateVersion() != null && stored.couchgateVersion() >= Validators.VERSION) {
                return 0;
            }
            rev = stored.rev();
        } else if (!current.is(404)) {
            throw new CouchDbException(current.describe());
        }
        DesignDocument wanted = Validators.designDocument(policy);
        DesignDocument body = new DesignDocument(wanted.id(), rev, wanted.language(), wanted.validateDocUpdate(),
                wanted.couchgateVersion());
        Reply written = couch.send(HttpMethod.PUT, path, admin, body);
        if (!written.is(201) && !written.is(202)) {
            throw new CouchDbException(written.describe());
        }
        return 1;
    }

    private static boolean sameSecurity(SecurityObject a, SecurityObject b) {
        return sameGroup(a.admins(), b.admins()) && sameGroup(a.members(), b.members());
    }

    private static boolean sameGroup(SecurityObject.Group a, SecurityObject.Group b) {
        return new HashSet<>(a.names()).equals(new HashSet<>(b.names()))
                && new HashSet<>(a.roles()).equals(new HashSet<>(b.roles()));
    }
}
