package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.ServerProvisioner;
import io.couchgate.domain.port.ServerProvisioner.AdminRejectedException;
import io.micronaut.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link ServerProvisioner#removeOtherCouchgateAdmins}: lists the admins of each node
 * ({@code GET /_node/<node>/_config/admins}, an object of name to password hash; config/auth.html) and deletes the
 * other {@code couchgate-admin-*} ones. The dev server has no node configuration API and keeps admins at
 * {@code /_config/admins} (CouchDB 1.x), for the whole server at once: that spelling is used only with
 * {@link CouchDbCompatibility#POUCHDB_SERVER}.
 */
final class StaleAdminRemoval {

    private final CouchDbConnection couch;

    StaleAdminRemoval(CouchDbConnection couch) {
        this.couch = couch;
    }

    /**
     * @param admin the admin that stays and sends the requests
     * @param keep other names that stay
     * @param nodes the cluster's nodes ({@code GET /_membership}), or {@code _local}
     * @return the names deleted, each once
     */
    List<String> removeOthers(CouchCredentials admin, Set<String> keep, List<String> nodes) {
        Set<String> removed = new LinkedHashSet<>();
        for (String node : nodes) {
            String base = "/_node/" + CouchDbPaths.segment(node) + "/_config/admins";
            Reply listing = couch.send(HttpMethod.GET, base, admin, null);
            boolean wholeServer = couch.compatibility().isPouchDbServer() && (listing.is(404) || listing.is(400));
            if (wholeServer) {
                base = "/_config/admins";
                listing = couch.send(HttpMethod.GET, base, admin, null);
            }
            for (String name : staleNames(require(listing), admin, keep)) {
                Reply deleted = couch.send(HttpMethod.DELETE, base + "/" + CouchDbPaths.segment(name), admin, null);
                if (!deleted.is(404)) {
                    require(deleted);
                    removed.add(name);
                }
            }
            if (wholeServer) {
                break;
            }
        }
        return List.copyOf(removed);
    }

    @SuppressWarnings("unchecked")
    private List<String> staleNames(Reply listing, CouchCredentials admin, Set<String> keep) {
        List<String> names = new ArrayList<>();
        for (String name : ((Map<String, Object>) couch.read(listing, Map.class)).keySet()) {
            if (name.startsWith(ServerProvisioner.ADMIN_NAME_PREFIX) && !name.equals(admin.name())
                    && !keep.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static Reply require(Reply reply) {
        if (reply.is(401) || reply.is(403)) {
            throw new AdminRejectedException(reply.describe());
        }
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return reply;
    }
}
