package io.couchgate.adapters.couchdb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CouchDbExtension#freshServer()}: what a test of couchgate's first start is given. On the dev server a new
 * server of its own in admin party; on a server named by COUCHDB_URL (CouchDB 3 has no admin party) the shared
 * server with couchgate's traces removed and its admin to be couchgate's bootstrap admin. Which branch runs depends
 * on the shared server; each asserts exactly what that server must give.
 */
@ExtendWith(CouchDbExtension.class)
class FreshServerTest {

    private final CouchDbServer shared;
    private final CouchHttp http;
    private final BasicCredentials admin;

    FreshServerTest(CouchDbServer shared) {
        this.shared = shared;
        this.http = new CouchHttp(shared.url());
        this.admin = shared.admin().orElseThrow();
    }

    @Test
    void freshServer_isOneCouchgateNeverProvisioned_withAdminPartyOrTheServersAdminAsBootstrapAdmin() {
        String db = shared.uniqueName("leftover");
        assertThat(http.send("PUT", "/" + db, null, admin).statusCode()).isEqualTo(201);
        String adminPath = ServerReset.adminConfigPaths(http, admin).get(0) + "/couchgate-admin-leftover";
        assertThat(http.send("PUT", adminPath, "\"leftover-Pass-1\"", admin).statusCode()).isEqualTo(200);
        String sessionUser = "users/0b7c1a52-5d0e-4a53-9d6c-0c1b4e1f2a3b/alice/" + shared.uniqueName("s");
        String otherUser = shared.uniqueName("harness-keeps");
        assertThat(putUser(sessionUser)).isEqualTo(201);
        assertThat(putUser(otherUser)).isEqualTo(201);

        try (CouchDbServer fresh = CouchDbExtension.freshServer()) {
            if (shared.source().equals(CouchDbExtension.SOURCE_DEV_SERVER)) {
                assertThat(fresh.url()).isNotEqualTo(shared.url());
                assertThat(fresh.adminUser()).isEmpty();
                assertThat(new CouchHttp(fresh.url()).send("GET", "/_session", null, null).body())
                        .contains("\"roles\":[\"_admin\"]");
                assertThat(fresh.couchgateProperties())
                        .isEqualTo(Map.of("couchgate.couchdb.compatibility", "pouchdb-server"));
            } else {
                assertThat(fresh.url()).isEqualTo(shared.url());
                assertThat(fresh.adminUser()).isEqualTo(shared.adminUser());
                assertThat(http.send("GET", "/" + db, null, admin).statusCode()).isEqualTo(404);
                assertThat(http.send("GET", adminPath, null, admin).statusCode()).isEqualTo(404);
                assertThat(http.send("GET", "/_users/org.couchdb.user:" + sessionUser.replace("/", "%2F"), null,
                        admin).statusCode()).isEqualTo(404);
                assertThat(http.send("GET", "/_users/org.couchdb.user:" + otherUser, null, admin).statusCode())
                        .isEqualTo(200);
                assertThat(http.send("GET", "/_users", null, admin).statusCode()).isEqualTo(200);
                Map<String, String> expected = new LinkedHashMap<>();
                expected.put("couchgate.couchdb.compatibility", shared.compatibility());
                expected.put("couchgate.couchdb.bootstrap-admin.user", admin.name());
                expected.put("couchgate.couchdb.bootstrap-admin.password", admin.password());
                assertThat(fresh.couchgateProperties()).isEqualTo(expected);
            }
        }
    }

    @Test
    void compatibility_followsTheServersWelcome() {
        // api/server/common.html#get--: CouchDB welcomes with "couchdb"; PouchDB Server with "express-pouchdb".
        String welcome = http.send("GET", "/", null, null).body();

        assertThat(shared.isCouchDb()).isEqualTo(!welcome.contains("\"express-pouchdb\""));
        assertThat(shared.compatibility()).isEqualTo(shared.isCouchDb() ? "couchdb" : "pouchdb-server");
        if (shared.source().equals(CouchDbExtension.SOURCE_DEV_SERVER)) {
            assertThat(shared.compatibility()).isEqualTo("pouchdb-server");
        }
    }

    /** config/auth.html: CouchDB 3 keeps admins in each node's configuration; the dev server at CouchDB 1.x's path. */
    @Test
    void adminsPath_isTheNodeConfiguration_onCouchDb_andTheCouchDb1Path_onTheDevServer_andListsTheAdmin() {
        assertThat(shared.adminsPath())
                .isEqualTo(shared.isCouchDb() ? "/_node/_local/_config/admins" : "/_config/admins");

        HttpResponse<String> admins = http.send("GET", shared.adminsPath(), null, shared.admin().orElseThrow());

        assertThat(admins.statusCode()).isEqualTo(200);
        assertThat(admins.body()).contains("\"" + shared.adminUser().orElseThrow() + "\":");
    }

    private int putUser(String name) {
        String id = "org.couchdb.user:" + name;
        String doc = "{\"_id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"user\",\"roles\":[],"
                + "\"password\":\"user-Pass-1\"}";
        return http.send("PUT", "/_users/" + id.replace("/", "%2F"), doc, admin).statusCode();
    }
}
