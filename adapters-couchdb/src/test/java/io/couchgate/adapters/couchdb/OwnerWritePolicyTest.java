package io.couchgate.adapters.couchdb;

import static io.couchgate.adapters.couchdb.OwnerWritePosts.assertForbidden;
import static io.couchgate.adapters.couchdb.OwnerWritePosts.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code owner-write} policy as CouchDB enforces it (the {@code _security} and validator that provisioning
 * wrote), for ordinary edits by alice and mallory ({@link OwnerWritePosts}). A non-admin write needs an
 * {@code _id} of {@code <username>:<name>} and {@code owner} = username. Validator refusals are 403
 * {@code forbidden} with the thrown text as {@code reason} (ddocs/ddocs.html#validate-document-update-functions).
 * Replicated writes ({@code new_edits=false}) are in {@link OwnerWriteReplicationTest}.
 */
@ExtendWith(CouchDbExtension.class)
class OwnerWritePolicyTest {

    private final OwnerWritePosts posts;
    private final String alice;
    private final Session a;
    private final Session m;

    OwnerWritePolicyTest(CouchDbServer server) {
        posts = new OwnerWritePosts(server);
        alice = posts.alice;
        a = posts.aliceSession;
        m = posts.mallorySession;
    }

    @AfterEach
    void close() {
        posts.close();
    }

    private String owned(String owner, String text) {
        return json(Map.of("owner", owner, "text", text));
    }

    private String ownedAt(String rev, String owner, String text) {
        return json(Map.of("_rev", rev, "owner", owner, "text", text));
    }

    @Test
    void ownerCreatesUnderHerPrefix_201_updatesIt_201_andDeletesIt_200() {
        String id = posts.aliceId("note-1");
        String rev = posts.aliceCreates("note-1", "hi");
        RawCouch.Answer updated = posts.put(id, ownedAt(rev, alice, "edited"), a);
        assertThat(updated.status()).isEqualTo(201);

        RawCouch.Answer deleted = posts.delete(id, updated.json().get("rev").asText(), a);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void createUnderHerPrefix_forSomeoneElse_orWithoutOwner_isForbidden() {
        assertForbidden(posts.put(posts.aliceId("a2"), owned("mallory", "x"), a), "owner must be your username");
        assertForbidden(posts.put(posts.aliceId("a3"), json(Map.of("text", "no owner")), a),
                "owner must be your username");
        assertForbidden(posts.put(posts.aliceId("a4"), json(Map.of("owner", List.of(alice))), a),
                "owner must be your username");
    }

    @Test
    void writeWithoutHerPrefix_isForbidden_evenWithHerOwner() {
        String reason = "_id must start with " + alice + ": followed by a name";
        for (String id : List.of("shopping", "mallory:shopping", alice, alice + "x:shopping",
                alice.toUpperCase() + ":shopping", " " + alice + ":shopping", "x:" + alice + ":shopping")) {
            assertForbidden(posts.put(id, owned(alice, "x"), a), reason);
            assertThat(posts.get(CouchDbPaths.segment(id), null).status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void emptyNameAfterThePrefix_isForbidden_butAnyOtherRestIsHers_colonsIncluded() {
        assertForbidden(posts.put(alice + ":", owned(alice, "x"), a), "_id must start with " + alice
                + ": followed by a name");
        for (String id : List.of(alice + "::x", alice + ":mallory:x", alice + ":a/b c", alice + ":_x")) {
            assertThat(posts.put(id, owned(alice, "x"), a).status()).as(id).isEqualTo(201);
            assertForbidden(posts.put(id, ownedAt(posts.rev(id), "mallory", "taken"), m),
                    "_id must start with mallory: followed by a name");
        }
    }

    @Test
    void updatingOrDeletingAnotherUsersDoc_isForbidden_butReadingItIsAllowed() {
        String id = posts.aliceId("b1");
        String rev = posts.aliceCreates("b1", "mine");
        assertThat(posts.get(CouchDbPaths.segment(id), m).status()).isEqualTo(200);

        String reason = "_id must start with mallory: followed by a name";
        assertForbidden(posts.put(id, ownedAt(rev, alice, "edited by mallory"), m), reason);
        assertForbidden(posts.put(id, ownedAt(rev, "mallory", "edited by mallory"), m), reason);
        assertForbidden(posts.delete(id, rev, m), reason);
        posts.assertAlicesDocIsUnchanged(id, rev, "mine");
    }

    @Test
    void changingTheOwnerOfHerOwnDoc_isForbidden() {
        String id = posts.aliceId("a5");
        String rev = posts.aliceCreates("a5", "mine");
        assertForbidden(posts.put(id, ownedAt(rev, "mallory", "gift"), a), "owner must be your username");
        posts.assertAlicesDocIsUnchanged(id, rev, "mine");
    }

    @Test
    void herTombstone_mayLeaveOwnerOut_orCarryHers_butNotAnotherOwner() {
        String bare = posts.aliceId("t1");
        String withBody = posts.aliceId("t2");
        String withOther = posts.aliceId("t3");
        String rev1 = posts.aliceCreates("t1", "x");
        String rev2 = posts.aliceCreates("t2", "x");
        String rev3 = posts.aliceCreates("t3", "x");
        RawCouch.Answer answer = posts.bulkDocs(json(Map.of("docs", List.of(
                Map.of("_id", bare, "_rev", rev1, "_deleted", true),
                Map.of("_id", withBody, "_rev", rev2, "_deleted", true, "owner", alice, "text", "gone"),
                Map.of("_id", withOther, "_rev", rev3, "_deleted", true, "owner", "mallory")))), a);

        // api/database/bulk-api.html#bulk-document-validation-and-conflict-errors: 201, one result per doc.
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().size()).isEqualTo(3);
        assertThat(OwnerWritePosts.resultFor(answer, bare).get("ok").asBoolean()).isTrue();
        assertThat(OwnerWritePosts.resultFor(answer, withBody).get("ok").asBoolean()).isTrue();
        assertThat(OwnerWritePosts.resultFor(answer, withOther)).isEqualTo(OwnerWritePosts.tree(Map.of("id", withOther,
                "error", "forbidden", "reason", "owner must be your username")));
        posts.assertDeleted(bare);
        posts.assertDeleted(withBody);
        posts.assertAlicesDocIsUnchanged(withOther, rev3, "x");
    }

    /**
     * {@code _conflicts} in a body is not data: CouchDB drops it on write (couch_doc.erl, transfer_fields), so a
     * client can neither fake a conflict nor smuggle a field past the validator with it; the dev server does the
     * same. Only real revision branches show as {@code _conflicts} (see {@link OwnerWriteReplicationTest}).
     */
    @Test
    void aConflictsFieldInTheBody_isDropped() {
        String id = posts.aliceId("c1");
        RawCouch.Answer created = posts.put(id, json(Map.of("owner", alice, "text", "x",
                "_conflicts", List.of(OwnerWritePosts.madeUpRev(1, 'a')))), a);
        assertThat(created.status()).isEqualTo(201);
        posts.assertAlicesDocIsUnchanged(id, created.json().get("rev").asText(), "x");
    }

    @Test
    void legacyDocWithoutPrefix_isReadable_butOnlyAdminsWriteIt() {
        assertThat(posts.put("note-1", owned(alice, "old"), null).status()).isEqualTo(201);
        String rev = posts.rev("note-1");
        assertThat(posts.get("note-1", a).json().get("text").asText()).isEqualTo("old");

        String reason = "_id must start with " + alice + ": followed by a name";
        assertForbidden(posts.put("note-1", ownedAt(rev, alice, "edited"), a), reason);
        assertForbidden(posts.delete("note-1", rev, a), reason);
        assertThat(posts.put("note-1", ownedAt(rev, alice, "edited by admin"), null).status()).isEqualTo(201);
    }

    @Test
    void memberWithoutAUserRole_isForbidden() {
        var member = posts.memberWithRoles(List.of("end_user"));
        RawCouch.Answer answer = posts.raw.send("PUT", CouchDbPaths.doc(posts.db, "member:x"),
                owned("member", "x"), member);
        assertForbidden(answer, "only app users may write");
    }

    @Test
    void sessionWritingADesignDoc_isRefused() {
        RawCouch.Answer answer = posts.send("PUT", "/" + posts.db + "/_design/anything",
                json(Map.of("owner", alice, "views", Map.of())), a);
        // CouchDB refuses design docs from non-admins before any validator runs (403 "You are not a db or server
        // admin."); the validator's own "only admins may write design docs" is the second line of defence. The
        // dev server answers 401 there (shared/couchdb-notes.md).
        assertRefusedToSessionUser(answer, "You are not a db or server admin.");
        assertThat(posts.get("_design/anything", null).status()).isEqualTo(404);
    }

    @Test
    void ownerRecreatingHerOwnDeletedDoc_201_butAnotherUserRecreatingIt_403() {
        String id = posts.aliceId("recreated");
        String rev = posts.aliceCreates("recreated", "first");
        assertThat(posts.delete(id, rev, a).status()).isEqualTo(200);

        assertForbidden(posts.put(id, owned("mallory", "squat"), m), "_id must start with mallory: followed by a name");
        RawCouch.Answer again = posts.put(id, owned(alice, "second"), a);

        assertThat(again.status()).isEqualTo(201);
        assertThat(posts.get(CouchDbPaths.segment(id), a).json().get("text").asText()).isEqualTo("second");
    }

    @Test
    void anonymousRead_andAnonymousWrite_ofAppDatabase_are401() {
        String id = posts.aliceId("b2");
        posts.aliceCreates("b2", "x");
        RawCouch.Answer read = posts.raw.send("GET", CouchDbPaths.doc(posts.db, id), null, null);
        RawCouch.Answer write = posts.raw.send("PUT", CouchDbPaths.doc(posts.db, posts.aliceId("anon")),
                owned(alice, "x"), null);
        assertThat(read.status()).isEqualTo(401);
        assertThat(read.error()).isEqualTo("unauthorized");
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.error()).isEqualTo("unauthorized");
    }

    @Test
    void sessions_cannotReadAppUsers_anyDocOrAllDocs() {
        String docId = "user:policy-" + alice;
        posts.raw.send("PUT", CouchDbPaths.doc("app_users", docId), json(Map.of("username", alice)), posts.admin);
        for (Session s : List.of(a, m)) {
            RawCouch.Answer doc = posts.send("GET", CouchDbPaths.doc("app_users", docId), null, s);
            RawCouch.Answer all = posts.send("GET", "/app_users/_all_docs", null, s);
            assertRefusedToSessionUser(doc, "You are not allowed to access this db.");
            assertRefusedToSessionUser(all, "You are not allowed to access this db.");
        }
    }

    @Test
    void anonymous_cannotReadAppUsers_401() {
        assertThat(posts.raw.send("GET", "/app_users/user:" + alice, null, null).status()).isEqualTo(401);
        assertThat(posts.raw.send("GET", "/app_users/_all_docs", null, null).status()).isEqualTo(401);
    }

    /**
     * A named user that is not a member (or not an admin, for design docs) of a database: CouchDB answers 403
     * {@code forbidden} (couch_db.erl, throw_security_error). The dev server answers 401 {@code unauthorized}
     * "You are not authorized to access this db." instead (shared/couchdb-notes.md: its HTTP layer is not
     * CouchDB's); either way nothing is read or written.
     */
    private void assertRefusedToSessionUser(RawCouch.Answer answer, String couchDbReason) {
        if (posts.devServer) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("unauthorized");
            assertThat(answer.reason()).isEqualTo("You are not authorized to access this db.");
        } else {
            assertForbidden(answer, couchDbReason);
        }
    }
}
