package io.couchgate.adapters.couchdb;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.DatabasePolicy;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A fresh {@code owner-write} database, provisioned as couchgate does, and two session users made by
 * {@link CouchDbSessionUserDirectory}: alice ({@code alice-<tag>}) and mallory, whose CouchDB user has the roles
 * {@code ["end_user","user:mallory"]}. Requests go straight to CouchDB with each user's Basic credentials.
 */
final class OwnerWritePosts implements AutoCloseable {

    final CouchDbConnection couch;
    final RawCouch raw;
    final CouchCredentials admin;
    final String db;
    final String alice;
    final Session aliceSession;
    final Session mallorySession;
    final boolean devServer;
    private final CouchDbSessionUserDirectory directory;
    private final List<String> otherUsers = new ArrayList<>();

    OwnerWritePosts(CouchDbServer server) {
        couch = CouchDbConnection.open(server.couchDbSettings());
        admin = RawCouch.adminOf(server);
        raw = new RawCouch(server.url());
        devServer = server.source().equals(CouchDbExtension.SOURCE_DEV_SERVER);
        db = server.uniqueName("posts");
        new CouchDbServerProvisioner(couch).provision(admin, List.of(new AppDatabase(db, DatabasePolicy.OWNER_WRITE)));
        directory = new CouchDbSessionUserDirectory(couch, admin, TestRandom::bytes);
        alice = "alice-" + HexFormat.of().formatHex(TestRandom.bytes(4));
        aliceSession = session(InstanceId.random(), Username.of(alice));
        mallorySession = session(InstanceId.random(), Username.of("mallory"));
        directory.create(aliceSession);
        directory.create(mallorySession);
    }

    /**
     * Creates a member of the database that is no couchgate session: a {@code _users} user with only {@code roles};
     * deleted by {@link #close()}.
     */
    CouchCredentials memberWithRoles(List<String> roles) {
        String tag = HexFormat.of().formatHex(TestRandom.bytes(6));
        CouchCredentials credentials = new CouchCredentials("member-" + tag,
                Base64.getUrlEncoder().withoutPadding().encodeToString(TestRandom.bytes(32)));
        PasswordScheme hashing = directory.probeScheme().equals("pbkdf2-sha256")
                ? PasswordScheme.SHA256 : PasswordScheme.SHA1;
        SessionUserDocument doc = directory.document(credentials, roles, System.currentTimeMillis() + 3_600_000,
                hashing);
        otherUsers.add(doc.id());
        RawCouch.Answer created = raw.send("PUT", CouchDbPaths.doc("_users", doc.id()), json(doc), admin);
        // 201 on both servers: CouchDB answers 202 only for batch=ok or a cluster short of its write quorum
        // (api/document/common.html#put--db-docid), which a test server is not.
        assertThat(created.status()).isEqualTo(201);
        return credentials;
    }

    /** @return {@code <alice>:<name>}, an id of alice's */
    String aliceId(String name) {
        return alice + ":" + name;
    }

    RawCouch.Answer put(String docId, String json, Session as) {
        return send("PUT", CouchDbPaths.doc(db, docId), json, as);
    }

    RawCouch.Answer get(String docIdAndQuery, Session as) {
        return send("GET", "/" + db + "/" + docIdAndQuery, null, as);
    }

    RawCouch.Answer delete(String docId, String rev, Session as) {
        return send("DELETE", CouchDbPaths.doc(db, docId) + "?rev=" + rev, null, as);
    }

    RawCouch.Answer bulkDocs(String json, Session as) {
        return send("POST", "/" + db + "/_bulk_docs", json, as);
    }

    RawCouch.Answer send(String method, String path, String json, Session as) {
        return raw.send(method, path, json, as == null ? admin : as.credentials());
    }

    /** @return the winning revision of {@code docId}, read by the admin */
    String rev(String docId) {
        return raw.send("GET", CouchDbPaths.doc(db, docId), null, admin).json().get("_rev").asText();
    }

    /** Creates {@code <alice>:<name>} as alice with {@code text}, asserting 201; returns its revision. */
    String aliceCreates(String name, String text) {
        RawCouch.Answer created = put(aliceId(name), json(Map.of("owner", alice, "text", text)), aliceSession);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("rev").asText();
    }

    /**
     * Asserts that alice reads {@code docId} with {@code ?conflicts=true} exactly as she wrote it at {@code rev}:
     * no other revision won, and no other branch is listed in {@code _conflicts}.
     */
    void assertAlicesDocIsUnchanged(String docId, String rev, String text) {
        RawCouch.Answer read = get(CouchDbPaths.segment(docId) + "?conflicts=true", aliceSession);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(tree(Map.of("_id", docId, "_rev", rev, "owner", alice, "text", text)));
    }

    /**
     * Asserts that alice reads {@code docId} as deleted: 404 {@code {"error":"not_found","reason":"deleted"}}
     * (api/document/common.html#get--db-docid); the dev server gives the reason {@code missing} instead.
     */
    void assertDeleted(String docId) {
        RawCouch.Answer read = get(CouchDbPaths.segment(docId), aliceSession);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json()).isEqualTo(tree(Map.of("error", "not_found", "reason",
                devServer ? "missing" : "deleted")));
    }

    static void assertForbidden(RawCouch.Answer answer, String reason) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).isEqualTo(tree(Map.of("error", "forbidden", "reason", reason)));
    }

    /** @return the entry for {@code docId} in a {@code _bulk_docs} answer (CouchDB keeps the request's order) */
    static JsonNode resultFor(RawCouch.Answer bulk, String docId) {
        for (JsonNode entry : bulk.json()) {
            if (entry.path("id").asText().equals(docId)) {
                return entry;
            }
        }
        throw new AssertionError("no result for " + docId + " in " + bulk.json());
    }

    static String json(Object value) {
        try {
            return RawCouch.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(Object value) {
        return RawCouch.JSON.valueToTree(value);
    }

    /** @return the revision {@code <generation>-<32 times hexDigit>}, as a client may choose it with new_edits=false */
    static String madeUpRev(int generation, char hexDigit) {
        return generation + "-" + String.valueOf(hexDigit).repeat(32);
    }

    /** @return {@code _revisions} for a branch of one revision, {@code rev}, that shares nothing with others */
    static Map<String, Object> disjointRevisions(String rev) {
        String[] parts = rev.split("-", 2);
        return Map.of("start", Integer.parseInt(parts[0]), "ids", List.of(parts[1]));
    }

    @Override
    public void close() {
        directory.delete(aliceSession);
        directory.delete(mallorySession);
        otherUsers.forEach(id -> CouchDbSessionUserDirectory.deleteUser(couch, admin, id));
        couch.close();
    }
}
