package io.couchgate.adapters.couchdb;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.DatabasePolicy;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code owner-write} policy as CouchDB enforces it (_security and the validator that provisioning wrote),
 * for two session users made by {@link CouchDbSessionUserDirectory}: A (app user alice-*) and B (bob-*).
 * Validator refusals are 403 {@code forbidden} (ddocs/ddocs.html#validate-document-update-functions).
 */
@ExtendWith(CouchDbExtension.class)
class OwnerWritePolicyTest {

    private final CouchDbConnection couch;
    private final CouchDbSessionUserDirectory directory;
    private final RawCouch raw;
    private final CouchCredentials admin;
    private final String posts;
    private final String alice;
    private final String bob;
    private final Session a;
    private final Session b;
    private final boolean devServer;

    OwnerWritePolicyTest(CouchDbServer server) {
        couch = CouchDbConnection.open(CouchDbSettings.of(server.url()));
        admin = RawCouch.adminOf(server);
        devServer = server.source().equals(CouchDbExtension.SOURCE_DEV_SERVER);
        raw = new RawCouch(server.url());
        posts = server.uniqueName("posts");
        new CouchDbServerProvisioner(couch).provision(admin, List.of(new AppDatabase(posts, DatabasePolicy.OWNER_WRITE)));
        directory = new CouchDbSessionUserDirectory(couch, admin, TestRandom::bytes);
        String tag = HexFormat.of().formatHex(TestRandom.bytes(4));
        alice = "alice-" + tag;
        bob = "bob-" + tag;
        a = session(InstanceId.random(), Username.of(alice));
        b = session(InstanceId.random(), Username.of(bob));
        directory.create(a);
        directory.create(b);
    }

    @AfterEach
    void deleteSessionUsers() {
        directory.delete(a);
        directory.delete(b);
        couch.close();
    }

    private RawCouch.Answer put(String docId, String json, Session as) {
        return raw.send("PUT", CouchDbPaths.doc(posts, docId), json, as == null ? null : as.credentials());
    }

    private String rev(String docId) {
        return raw.send("GET", CouchDbPaths.doc(posts, docId), null, admin).json().get("_rev").asText();
    }

    private static void assertForbidden(RawCouch.Answer answer, String reason) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).isEqualTo("forbidden");
        assertThat(answer.reason()).isEqualTo(reason);
    }

    /**
     * A named user that is not a member (or not an admin, for design docs) of a database: CouchDB answers 403
     * {@code forbidden} (couch_db.erl, throw_security_error). The dev server answers 401 {@code unauthorized}
     * "You are not authorized to access this db." instead (shared/couchdb-notes.md: its HTTP layer is not
     * CouchDB's); either way nothing is read or written.
     */
    private void assertRefusedToSessionUser(RawCouch.Answer answer, String couchDbReason) {
        if (devServer) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("unauthorized");
            assertThat(answer.reason()).isEqualTo("You are not authorized to access this db.");
        } else {
            assertForbidden(answer, couchDbReason);
        }
    }

    @Test
    void ownerCreatesADocWithHerOwnName_201_andUpdatesIt_201() {
        assertThat(put("a1", "{\"owner\":\"" + alice + "\",\"text\":\"hi\"}", a).status()).isEqualTo(201);
        assertThat(put("a1", "{\"_rev\":\"" + rev("a1") + "\",\"owner\":\"" + alice + "\",\"text\":\"edited\"}", a)
                .status()).isEqualTo(201);
    }

    @Test
    void creatingForSomeoneElse_orWithoutOwner_isForbidden() {
        assertForbidden(put("a2", "{\"owner\":\"" + bob + "\"}", a), "owner must be your username");
        assertForbidden(put("a3", "{\"text\":\"no owner\"}", a), "owner must be your username");
    }

    @Test
    void updatingOrDeletingAnotherUsersDoc_isForbidden_butReadingItIsAllowed() {
        assertThat(put("b1", "{\"owner\":\"" + bob + "\"}", b).status()).isEqualTo(201);
        assertThat(raw.send("GET", CouchDbPaths.doc(posts, "b1"), null, a.credentials()).status()).isEqualTo(200);

        assertForbidden(put("b1", "{\"_rev\":\"" + rev("b1") + "\",\"owner\":\"" + bob + "\",\"x\":1}", a),
                "only the owner may change this document");
        assertForbidden(raw.send("DELETE", CouchDbPaths.doc(posts, "b1") + "?rev=" + rev("b1"), null,
                a.credentials()), "only the owner may delete this document");
    }

    @Test
    void changingTheOwnerOfHerOwnDoc_isForbidden() {
        assertThat(put("a4", "{\"owner\":\"" + alice + "\"}", a).status()).isEqualTo(201);
        assertForbidden(put("a4", "{\"_rev\":\"" + rev("a4") + "\",\"owner\":\"" + bob + "\"}", a),
                "owner cannot change");
    }

    @Test
    void ownerDeletesHerOwnDoc_200() {
        assertThat(put("a5", "{\"owner\":\"" + alice + "\"}", a).status()).isEqualTo(201);
        RawCouch.Answer deleted = raw.send("DELETE", CouchDbPaths.doc(posts, "a5") + "?rev=" + rev("a5"), null,
                a.credentials());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void sessionWritingADesignDoc_isRefused() {
        RawCouch.Answer answer = raw.send("PUT", "/" + posts + "/_design/anything",
                "{\"owner\":\"" + alice + "\",\"views\":{}}", a.credentials());
        // CouchDB refuses design docs from non-admins before any validator runs; the validator's own
        // "only admins may write design docs" is the second line of defence.
        assertRefusedToSessionUser(answer, "You are not a db or server admin.");
        assertThat(raw.send("GET", "/" + posts + "/_design/anything", null, admin).status()).isEqualTo(404);
    }

    @Test
    void anonymousRead_andAnonymousWrite_ofAppDatabase_are401() {
        assertThat(put("b2", "{\"owner\":\"" + bob + "\"}", b).status()).isEqualTo(201);
        RawCouch.Answer read = raw.send("GET", CouchDbPaths.doc(posts, "b2"), null, null);
        RawCouch.Answer write = put("anon", "{\"owner\":\"" + alice + "\"}", null);
        assertThat(read.status()).isEqualTo(401);
        assertThat(read.error()).isEqualTo("unauthorized");
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.error()).isEqualTo("unauthorized");
    }

    @Test
    void sessions_cannotReadAppUsers_anyDocOrAllDocs() {
        String docId = "user:policy-" + alice;
        raw.send("PUT", CouchDbPaths.doc("app_users", docId), "{\"username\":\"" + alice + "\"}", admin);
        for (Session s : List.of(a, b)) {
            RawCouch.Answer doc = raw.send("GET", CouchDbPaths.doc("app_users", docId), null, s.credentials());
            RawCouch.Answer all = raw.send("GET", "/app_users/_all_docs", null, s.credentials());
            assertRefusedToSessionUser(doc, "You are not allowed to access this db.");
            assertRefusedToSessionUser(all, "You are not allowed to access this db.");
        }
    }

    @Test
    void anonymous_cannotReadAppUsers_401() {
        assertThat(raw.send("GET", "/app_users/user:" + alice, null, null).status()).isEqualTo(401);
        assertThat(raw.send("GET", "/app_users/_all_docs", null, null).status()).isEqualTo(401);
    }
}
