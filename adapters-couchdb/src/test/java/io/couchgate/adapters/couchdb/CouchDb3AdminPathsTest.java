package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.ServerProvisioner.AdminExistsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admin creation on CouchDB 3 (docs: config/auth.html#server-administrators, api/server/configuration.html): the
 * admin is written with {@code PUT /_node/{node}/_config/admins/{name}} on every node {@code GET /_membership}
 * lists. A {@link StubCouchDb} stands in for a two-node CouchDB 3, which has no {@code /_config} (CouchDB answers
 * such a path as an illegal database name), so that a wrong node path cannot be hidden by the dev server's
 * {@code /_config} fallback.
 */
class CouchDb3AdminPathsTest {

    private static final String NODE_1 = "couchdb@127.0.0.1";
    private static final String NODE_2 = "couchdb@127.0.0.2";
    private static final CouchCredentials BOOTSTRAP = new CouchCredentials("bootstrap", "bootstrap-password-1");
    private static final CouchCredentials ADMIN = new CouchCredentials("couchgate-7f3a", "s3cret \"quoted\" é");

    /** {@code node + " " + name} of each admin the stand-in has. */
    private final Set<String> admins = ConcurrentHashMap.newKeySet();
    private StubCouchDb couch;
    private CouchDbConnection connection;

    @BeforeEach
    void startTheStandIn() throws IOException {
        couch = new StubCouchDb(this::couchDb3);
        connection = CouchDbConnection.open(TestCouchDbSettings.of(couch.url()));
    }

    @AfterEach
    void stop() {
        connection.close();
        couch.close();
    }

    @Test
    void createAdmin_onCouchDb3_writesItThroughEachNodesConfig_atTheNodeConfigPath_asTheActingAdmin() {
        new CouchDbServerProvisioner(connection).createAdmin(ADMIN, Optional.of(BOOTSTRAP));

        List<StubCouchDb.Request> puts = couch.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).extracting(StubCouchDb.Request::target).containsExactly(
                "/_node/couchdb%40127.0.0.1/_config/admins/couchgate-7f3a",
                "/_node/couchdb%40127.0.0.2/_config/admins/couchgate-7f3a");
        assertThat(puts).allSatisfy(put -> {
            assertThat(put.body()).isEqualTo("\"s3cret \\\"quoted\\\" é\"");
            assertThat(put.authorization()).isEqualTo(basic(BOOTSTRAP));
        });
        assertThat(admins).containsExactlyInAnyOrder(NODE_1 + " couchgate-7f3a", NODE_2 + " couchgate-7f3a");
        assertThat(couch.requests().get(0).line()).isEqualTo("GET /_membership");
        assertThat(couch.requests()).filteredOn(r -> r.target().startsWith("/_node/") && r.method().equals("GET"))
                .extracting(StubCouchDb.Request::target).containsExactly(
                        "/_node/couchdb%40127.0.0.1/_config/admins/couchgate-7f3a",
                        "/_node/couchdb%40127.0.0.2/_config/admins/couchgate-7f3a");
    }

    @Test
    void createAdmin_whenANodeHasAnAdminOfThatName_refusesBeforeWritingAnything() {
        admins.add(NODE_2 + " couchgate-7f3a");

        assertThatThrownBy(() -> new CouchDbServerProvisioner(connection).createAdmin(ADMIN, Optional.of(BOOTSTRAP)))
                .isInstanceOf(AdminExistsException.class)
                .hasMessage("CouchDB has an admin named couchgate-7f3a already");
        assertThat(couch.requests()).noneMatch(r -> r.method().equals("PUT"));
    }

    /**
     * With compatibility {@code couchdb} (the default) a server without {@code /_membership} is no CouchDB 3: admin
     * creation fails naming the answer and never tries the dev server's {@code /_config} spelling; with
     * {@code pouchdb-server} it falls back to {@code /_config/admins} (CouchDB 1.x, as the dev server has it).
     */
    @Test
    void createAdmin_whereNodeApiAndMembershipAreMissing_fallsBackTo_config_onlyWithPouchDbServerCompatibility()
            throws IOException {
        StubCouchDb.Answer notFound = new StubCouchDb.Answer(404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
        try (StubCouchDb old = new StubCouchDb(request -> request.method().equals("PUT")
                && request.target().equals("/_config/admins/couchgate-7f3a") ? new StubCouchDb.Answer(200, "\"\"")
                : notFound);
             CouchDbConnection asCouchDb = CouchDbConnection.open(TestCouchDbSettings.of(old.url()));
             CouchDbConnection asDevServer = CouchDbConnection.open(TestCouchDbSettings.of(old.url())
                     .withCompatibility(CouchDbCompatibility.POUCHDB_SERVER))) {
            assertThatThrownBy(() -> new CouchDbServerProvisioner(asCouchDb).createAdmin(ADMIN, Optional.of(BOOTSTRAP)))
                    .isInstanceOf(CouchDbException.class).hasMessage("GET /_membership answered 404");
            assertThat(old.requests()).noneMatch(r -> r.target().startsWith("/_config"));

            new CouchDbServerProvisioner(asDevServer).createAdmin(ADMIN, Optional.of(BOOTSTRAP));

            assertThat(old.requests()).filteredOn(r -> r.method().equals("PUT")).extracting(StubCouchDb.Request::target)
                    .containsExactly("/_node/_local/_config/admins/couchgate-7f3a", "/_config/admins/couchgate-7f3a");
        }
    }

    /** What CouchDB 3.4 answers to the calls admin creation makes. */
    private StubCouchDb.Answer couchDb3(StubCouchDb.Request request) {
        if (request.line().equals("GET /_membership")) {
            return new StubCouchDb.Answer(200, "{\"all_nodes\":[\"" + NODE_1 + "\",\"" + NODE_2 + "\"],"
                    + "\"cluster_nodes\":[\"" + NODE_1 + "\",\"" + NODE_2 + "\"]}");
        }
        for (String node : List.of(NODE_1, NODE_2)) {
            String prefix = "/_node/" + node.replace("@", "%40") + "/_config/admins/";
            if (request.target().startsWith(prefix)) {
                String key = node + " " + request.target().substring(prefix.length());
                if (request.method().equals("PUT")) {
                    admins.add(key);
                    return new StubCouchDb.Answer(200, "\"\"");
                }
                return admins.contains(key) ? new StubCouchDb.Answer(200, "\"-pbkdf2-abc,def,10\"")
                        : new StubCouchDb.Answer(404, "{\"error\":\"not_found\",\"reason\":\"unknown_config_value\"}");
            }
        }
        return new StubCouchDb.Answer(400, "{\"error\":\"illegal_database_name\",\"reason\":\"Name: '_config'. "
                + "Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / "
                + "are allowed. Must begin with a letter.\"}");
    }

    private static String basic(CouchCredentials credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.name() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
    }
}
