package io.couchgate.adapters.couchdb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves that {@link CouchDbExtension} hands out a server that behaves as CouchDB 3 documents,
 * for the features couchgate relies on. Runs against whichever server the harness picked.
 * Comments name the CouchDB docs page behind each expectation, and where the dev server
 * (PouchDB Server 4.2.0) differs.
 */
@ExtendWith(CouchDbExtension.class)
class CouchDbHarnessContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_AUTHORIZED =
            "{\"error\":\"unauthorized\",\"reason\":\"You are not authorized to access this db.\"}";

    private final CouchDbServer server;
    private final CouchHttp http;
    private final BasicCredentials admin;

    CouchDbHarnessContractTest(CouchDbServer server) {
        this.server = server;
        this.http = new CouchHttp(server.url());
        this.admin = server.admin().orElseThrow();
    }

    @BeforeAll
    static void everyServerHasAnAdminAndUsersDatabase(CouchDbServer server) {
        assertThat(server.adminUser()).isPresent();
        assertThat(server.adminPassword()).isPresent();
        assertThat(new CouchHttp(server.url()).send("GET", "/_users", null, server.admin().orElseThrow()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void sharedServerIsOnePerJvmAndHasLeftAdminParty() {
        // intro/security.html: CouchDB 3 has no admin party; the harness gives the dev server an admin at once.
        assertThat(CouchDbExtension.sharedServer()).isSameAs(server);
        JsonNode anonymous = json(http.send("GET", "/_session", null, null));
        assertThat(anonymous.get("userCtx")).isEqualTo(json("{\"name\":null,\"roles\":[]}"));
    }

    @Test
    void adminLogsInWithAdminRole() {
        // api/server/authn.html#get--_session: Basic credentials of a server admin give role _admin.
        HttpResponse<String> session = http.send("GET", "/_session", null, admin);

        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(json(session).get("ok").asBoolean()).isTrue();
        assertThat(json(session).get("userCtx"))
                .isEqualTo(json("{\"name\":\"" + admin.name() + "\",\"roles\":[\"_admin\"]}"));
    }

    @Test
    void adminCreatesDatabase() {
        String db = server.uniqueName("harness-create");

        HttpResponse<String> created = http.send("PUT", "/" + db, null, admin);

        // api/database/common.html#put--db: 201 {"ok":true}.
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created)).isEqualTo(json("{\"ok\":true}"));
        assertThat(http.send("GET", "/" + db, null, admin).statusCode()).isEqualTo(200);
    }

    /**
     * A request that fails inside the server leaves it running. CouchDB answers such a {@code _changes} filter with
     * an error and carries on; PouchDB Server 4.2.0 exited instead (an unhandled rejection), until the launcher
     * preloaded {@code survive-request-errors.js}. The errors differ: CouchDB 3 (couch_changes.erl,
     * {@code configure_filter}) answers the {@code _view} filter on a missing design doc 404 {@code not_found} and a
     * {@code _doc_ids} filter without {@code doc_ids} 400 {@code bad_request}; the dev server answers both 404
     * {@code not_found} "missing".
     */
    @Test
    void failingChangesFilter_leavesTheServerRunning() {
        String db = server.uniqueName("filters");
        assertThat(http.send("PUT", "/" + db, null, admin).statusCode()).isEqualTo(201);

        HttpResponse<String> failed = http.send("GET", "/" + db + "/_changes?filter=_view&view=nope/nope", null,
                admin);
        HttpResponse<String> failedAgain = http.send("POST", "/" + db + "/_changes?filter=_doc_ids", "{}", admin);

        String missing = "{\"error\":\"not_found\",\"reason\":\"missing\"}";
        assertThat(failed.statusCode()).isEqualTo(404);
        assertThat(json(failed)).isEqualTo(json(missing));
        if (server.isCouchDb()) {
            assertThat(failedAgain.statusCode()).isEqualTo(400);
            assertThat(json(failedAgain)).isEqualTo(json("{\"error\":\"bad_request\",\"reason\":"
                    + "\"`doc_ids` filter parameter is not a list of doc ids.\"}"));
        } else {
            assertThat(failedAgain.statusCode()).isEqualTo(404);
            assertThat(json(failedAgain)).isEqualTo(json(missing));
        }
        // The dev server died about a second after answering: keep asking for 3 s that it is still there.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        do {
            assertThat(http.send("GET", "/" + db, null, admin).statusCode()).isEqualTo(200);
        } while (System.nanoTime() < until);
    }

    @Test
    void documentWhoseIdHoldsSlashIsWrittenAndReadAsEncodedSegment() {
        String db = createDatabase("harness-slash");

        HttpResponse<String> written = http.send("PUT", "/" + db + "/users%2Falice", "{\"owner\":\"alice\"}", admin);

        // api/document/common.html#put--db-docid: 201 {"ok":true,"id":...,"rev":...}.
        // The rev hash differs between CouchDB and the dev server; only its generation is fixed.
        assertThat(written.statusCode()).isEqualTo(201);
        JsonNode writeBody = json(written);
        assertThat(writeBody.get("ok").asBoolean()).isTrue();
        assertThat(writeBody.get("id").asText()).isEqualTo("users/alice");
        String rev = writeBody.get("rev").asText();
        assertThat(rev).startsWith("1-");

        HttpResponse<String> read = http.send("GET", "/" + db + "/users%2Falice", null, admin);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(json("{\"_id\":\"users/alice\",\"_rev\":\"" + rev + "\",\"owner\":\"alice\"}"));
    }

    @Test
    void userCreatedInUsersDatabaseAuthenticatesWithBasicCredentials() {
        String name = server.uniqueName("harness-user");

        HttpResponse<String> created = createUser(name, "correct horse", "x");

        // intro/security.html#authentication-database: _id org.couchdb.user:<name>, type user, plaintext password.
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("id").asText()).isEqualTo("org.couchdb.user:" + name);
        HttpResponse<String> session = http.send("GET", "/_session", null, new BasicCredentials(name, "correct horse"));
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(json(session).get("userCtx"))
                .isEqualTo(json("{\"name\":\"" + name + "\",\"roles\":[\"x\"]}"));
    }

    @Test
    void storedUserDocHoldsHashNotPlaintextPassword() {
        String name = server.uniqueName("harness-hash");
        createUser(name, "correct horse", "x");

        JsonNode stored = json(http.send("GET", "/_users/org.couchdb.user:" + name, null, admin));

        // intro/security.html#password-hashing: the password is replaced by a PBKDF2 hash on save.
        // Iterations differ: CouchDB 3.4 uses hundreds of thousands, the dev server 10.
        assertThat(stored.has("password")).isFalse();
        assertThat(stored.get("password_scheme").asText()).isEqualTo("pbkdf2");
        assertThat(stored.get("derived_key").asText()).isNotEmpty();
    }

    @Test
    void wrongPasswordIsRefusedWith401() {
        String name = server.uniqueName("harness-wrong");
        createUser(name, "correct horse", "x");

        HttpResponse<String> session = http.send("GET", "/_session", null, new BasicCredentials(name, "wrong horse"));

        // api/server/authn.html: bad Basic credentials answer 401 "Name or password is incorrect."
        assertThat(session.statusCode()).isEqualTo(401);
        assertThat(json(session))
                .isEqualTo(json("{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}"));
    }

    @Test
    void securityMembersRoleKeepsAnonymousOutAndLetsMemberRead() {
        String db = createDatabase("harness-security");
        http.send("PUT", "/" + db + "/doc", "{\"v\":1}", admin);
        String member = server.uniqueName("harness-member");
        createUser(member, "member pass", "x");

        HttpResponse<String> secured = http.send("PUT", "/" + db + "/_security",
                "{\"admins\":{\"names\":[],\"roles\":[]},\"members\":{\"names\":[],\"roles\":[\"x\"]}}", admin);

        // api/database/security.html: PUT _security answers 200 {"ok":true}.
        assertThat(secured.statusCode()).isEqualTo(200);
        assertThat(json(secured)).isEqualTo(json("{\"ok\":true}"));
        // Anonymous readers of a members-only database get 401 on the database and its documents.
        HttpResponse<String> anonymousDoc = http.send("GET", "/" + db + "/doc", null, null);
        assertThat(anonymousDoc.statusCode()).isEqualTo(401);
        assertThat(json(anonymousDoc)).isEqualTo(json(NOT_AUTHORIZED));
        assertThat(http.send("GET", "/" + db, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> memberDoc = http.send("GET", "/" + db + "/doc", null, new BasicCredentials(member, "member pass"));
        assertThat(memberDoc.statusCode()).isEqualTo(200);
        assertThat(json(memberDoc).get("v").asInt()).isEqualTo(1);
    }

    @Test
    void freshDevServerStartsInAdminPartyWithoutAdmin() {
        // intro/security.html: admin party means anonymous requests carry role _admin (CouchDB 2, the dev
        // server; CouchDB 3 refuses to start without an admin, hence always a dev server here).
        try (CouchDbServer fresh = CouchDbExtension.startFreshDevServer()) {
            assertThat(fresh.adminUser()).isEmpty();
            assertThat(fresh.source()).isEqualTo(CouchDbExtension.SOURCE_DEV_SERVER);
            assertThat(fresh.url()).isNotEqualTo(server.url());

            HttpResponse<String> session = new CouchHttp(fresh.url()).send("GET", "/_session", null, null);

            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(json(session).get("userCtx")).isEqualTo(json("{\"name\":null,\"roles\":[\"_admin\"]}"));
        }
    }

    /**
     * api/database/bulk-api.html ({@code new_edits}): a replicated revision is stored with the history its
     * {@code _revisions} give, also in a database with a {@code validate_doc_update}. PouchDB Server 4.2.0's
     * pouchdb-validation replaced those {@code _revisions} with the stored doc's, so such an edit was answered 201
     * {@code []} and dropped, until the launcher preloaded {@code keep-replicated-revisions.js}.
     */
    @Test
    void replicatedEditInADatabaseWithAValidator_isStored() {
        String db = createDatabase("harness-replicated");
        http.send("PUT", "/" + db + "/_design/v", "{\"validate_doc_update\":\"function (n, o, u) {}\"}", admin);
        String rev1 = json(http.send("PUT", "/" + db + "/d", "{\"v\":1}", admin)).get("rev").asText();
        String hash2 = "e".repeat(32);

        HttpResponse<String> pushed = http.send("POST", "/" + db + "/_bulk_docs", "{\"new_edits\":false,\"docs\":[{"
                + "\"_id\":\"d\",\"_rev\":\"2-" + hash2 + "\",\"_revisions\":{\"start\":2,\"ids\":[\"" + hash2
                + "\",\"" + rev1.substring(2) + "\"]},\"v\":2}]}", admin);

        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(json(pushed)).isEqualTo(json("[]"));
        assertThat(json(http.send("GET", "/" + db + "/d?conflicts=true", null, admin)))
                .isEqualTo(json("{\"_id\":\"d\",\"_rev\":\"2-" + hash2 + "\",\"v\":2}"));
    }

    private String createDatabase(String prefix) {
        String db = server.uniqueName(prefix);
        assertThat(http.send("PUT", "/" + db, null, admin).statusCode()).isEqualTo(201);
        return db;
    }

    private HttpResponse<String> createUser(String name, String password, String role) {
        String id = "org.couchdb.user:" + name;
        String doc = "{\"_id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"user\",\"roles\":[\"" + role
                + "\"],\"password\":\"" + password + "\"}";
        return http.send("PUT", "/_users/" + id, doc, admin);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
