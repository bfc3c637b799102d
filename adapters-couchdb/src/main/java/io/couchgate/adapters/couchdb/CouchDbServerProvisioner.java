package io.couchgate.adapters.couchdb;

import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.ServerProvisioner;
import io.micronaut.http.HttpMethod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ServerProvisioner} over CouchDB's HTTP API: admins through the node configuration
 * (config/auth.html#server-administrators) on each node of {@code GET /_membership}, databases, {@code _security}
 * (api/database/security.html) and {@code _design/couchgate} validators. Only with
 * {@link CouchDbCompatibility#POUCHDB_SERVER} does a missing {@code /_membership} mean one node, {@code _local},
 * and a missing node API (404 or 400) fall back to {@code /_config/admins} (CouchDB 1.x, as the dev server has it).
 */
public final class CouchDbServerProvisioner implements ServerProvisioner {

    /** couchgate's own account database. */
    static final String APP_USERS = "app_users";
    /** couchgate's own lease database: one document per running instance. */
    static final String INSTANCES = "couchgate_instances";
    /** The role every session user has; app databases admit it as members. */
    static final String END_USER_ROLE = "end_user";
    private static final List<String> SYSTEM_DATABASES = List.of("_users", "_replicator", APP_USERS, INSTANCES);

    private final CouchDbConnection couch;

    /** @param couch the connection to CouchDB */
    public CouchDbServerProvisioner(CouchDbConnection couch) {
        this.couch = Objects.requireNonNull(couch, "couch");
    }

    @Override
    public boolean isAdminParty() {
        Reply reply = couch.send(HttpMethod.GET, "/_session", null, null);
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return couch.read(reply, SessionInfo.class).hasRole("_admin");
    }

    @Override
    public void createAdmin(CouchCredentials admin, Optional<CouchCredentials> actingAdmin) {
        CouchCredentials acting = actingAdmin.orElse(null);
        String name = CouchDbPaths.segment(admin.name());
        List<String> nodes = nodes(acting);
        requireNoAdminNamed(admin.name(), name, nodes, acting);
        for (String node : nodes) {
            Reply reply = couch.send(HttpMethod.PUT, "/_node/" + CouchDbPaths.segment(node) + "/_config/admins/"
                    + name, acting, admin.password());
            if (devServer() && (reply.is(404) || reply.is(400))) {
                // No node configuration API: CouchDB 1.x (and the dev server) keep admins at /_config.
                requireAdminWritten(couch.send(HttpMethod.PUT, "/_config/admins/" + name, acting, admin.password()));
                return;
            }
            requireAdminWritten(reply);
        }
    }

    /** GET of the admin's config entry on each node (or at {@code /_config}): 200 means it exists. */
    private void requireNoAdminNamed(String plainName, String name, List<String> nodes, CouchCredentials acting) {
        for (String node : nodes) {
            Reply reply = couch.send(HttpMethod.GET, "/_node/" + CouchDbPaths.segment(node) + "/_config/admins/"
                    + name, acting, null);
            if (devServer() && !reply.is(200) && !reply.is(401) && !reply.is(403)) {
                // missing there, or no node configuration API (the dev server): the /_config spelling decides
                reply = couch.send(HttpMethod.GET, "/_config/admins/" + name, acting, null);
            }
            if (reply.is(200)) {
                throw new AdminExistsException("CouchDB has an admin named " + plainName + " already");
            }
            if (reply.is(401) || reply.is(403)) {
                throw new AdminRejectedException(reply.describe());
            }
            if (!reply.is(404) && !devServer()) {
                throw new CouchDbException(reply.describe());
            }
        }
    }

    private boolean devServer() {
        return couch.compatibility().isPouchDbServer();
    }

    private List<String> nodes(CouchCredentials acting) {
        Reply reply = couch.send(HttpMethod.GET, "/_membership", acting, null);
        if (devServer() && (reply.is(404) || reply.is(400))) {
            return List.of("_local");
        }
        requireAdminWritten(reply);
        List<String> nodes = couch.read(reply, Membership.class).allNodes();
        return nodes == null || nodes.isEmpty() ? List.of("_local") : nodes;
    }

    private static void requireAdminWritten(Reply reply) {
        if (reply.is(401) || reply.is(403)) {
            throw new AdminRejectedException(reply.describe());
        }
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
    }

    @Override
    public List<String> removeOtherCouchgateAdmins(CouchCredentials admin, Set<String> keep) {
        return new StaleAdminRemoval(couch).removeOthers(admin, keep, nodes(admin));
    }

    @Override
    public boolean isAdmin(CouchCredentials admin) {
        Reply reply = couch.send(HttpMethod.GET, "/_session", admin, null);
        if (reply.is(401)) {
            return false;
        }
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return couch.read(reply, SessionInfo.class).hasRole("_admin");
    }

    @Override
    public int provision(CouchCredentials admin, List<AppDatabase> databases) {
        DatabaseSetup setup = new DatabaseSetup(couch, admin);
        int writes = 0;
        for (String db : SYSTEM_DATABASES) {
            writes += setup.ensureDatabase(db);
        }
        SecurityObject.Group adminOnly = SecurityObject.Group.names(admin.name());
        writes += setup.ensureSecurity(APP_USERS, new SecurityObject(adminOnly, adminOnly));
        writes += setup.ensureSecurity(INSTANCES, new SecurityObject(adminOnly, adminOnly));
        for (AppDatabase database : databases) {
            writes += setup.ensureDatabase(database.name());
            writes += setup.ensureSecurity(database.name(),
                    new SecurityObject(adminOnly, SecurityObject.Group.roles(END_USER_ROLE)));
            writes += setup.ensureDesignDocument(database.name(), database.policy());
        }
        return writes;
    }
}
