package io.couchgate.adapters.couchdb;

import static io.couchgate.adapters.couchdb.OwnerWritePosts.assertForbidden;
import static io.couchgate.adapters.couchdb.OwnerWritePosts.disjointRevisions;
import static io.couchgate.adapters.couchdb.OwnerWritePosts.json;
import static io.couchgate.adapters.couchdb.OwnerWritePosts.madeUpRev;
import static io.couchgate.adapters.couchdb.OwnerWritePosts.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replicated writes ({@code new_edits=false}, which every PouchDB push uses) under {@code owner-write}: a revision
 * branch that shares nothing with the stored tree reaches the validator with {@code oldDoc = null} and, with a
 * higher generation, wins for every reader; so the validator binds the owner to the {@code _id} and never trusts
 * {@code oldDoc}. Mallory is a session user with roles {@code ["end_user","user:mallory"]} ({@link OwnerWritePosts}).
 *
 * <p>What CouchDB 3 answers: {@code _bulk_docs} with {@code new_edits:false} is 201 and lists only the failed
 * revisions, each {@code {id, rev, error, reason}} (api/database/bulk-api.html; chttpd_db.erl
 * {@code update_doc_result_to_json/1}); {@code PUT /{db}/{docid}?new_edits=false} refused by the validator is 403
 * {@code {"error":"forbidden","reason":...}} (api/document/common.html#put--db-docid).
 */
@ExtendWith(CouchDbExtension.class)
class OwnerWriteReplicationTest {

    private static final String NOT_MALLORYS = "_id must start with mallory: followed by a name";

    private final OwnerWritePosts posts;
    private final String alice;
    private final Session a;
    private final Session m;

    OwnerWriteReplicationTest(CouchDbServer server) {
        posts = new OwnerWritePosts(server);
        alice = posts.alice;
        a = posts.aliceSession;
        m = posts.mallorySession;
    }

    @AfterEach
    void close() {
        posts.close();
    }

    /** A revision {@code rev} of {@code id} on a branch of its own, with {@code fields} as its body. */
    private static Map<String, Object> branch(String id, String rev, Map<String, Object> fields) {
        Map<String, Object> doc = new HashMap<>(fields);
        doc.put("_id", id);
        doc.put("_rev", rev);
        doc.put("_revisions", disjointRevisions(rev));
        return doc;
    }

    private RawCouch.Answer pushWithBulkDocs(Session as, Map<String, Object> doc) {
        return posts.bulkDocs(json(Map.of("new_edits", false, "docs", List.of(doc))), as);
    }

    private RawCouch.Answer pushWithPut(Session as, Map<String, Object> doc) {
        return posts.send("PUT", CouchDbPaths.doc(posts.db, (String) doc.get("_id")) + "?new_edits=false",
                json(doc), as);
    }

    /**
     * Asserts the answer to a {@code new_edits:false} {@code _bulk_docs} whose one revision was refused: 201 and
     * {@code [{id, rev, error, reason}]}. The dev server leaves {@code rev} out of the entry (pouchdb-validation
     * reports the error with the id alone).
     */
    private void assertBulkRefused(RawCouch.Answer answer, String id, String rev, String reason) {
        Map<String, Object> entry = new HashMap<>(Map.of("id", id, "error", "forbidden", "reason", reason));
        if (!posts.devServer) {
            entry.put("rev", rev);
        }
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json()).isEqualTo(tree(List.of(entry)));
    }

    @Test
    void hijackThroughBulkDocsWithNewEditsFalse_isForbidden_andAlicesDocIsUnchanged() {
        String id = posts.aliceId("shopping");
        String rev = posts.aliceCreates("shopping", "oat milk");
        String rev50 = madeUpRev(50, 'a');

        RawCouch.Answer attack = pushWithBulkDocs(m, branch(id, rev50, Map.of("owner", "mallory",
                "text", "HIJACKED")));

        assertBulkRefused(attack, id, rev50, NOT_MALLORYS);
        posts.assertAlicesDocIsUnchanged(id, rev, "oat milk");
    }

    @Test
    void hijackThroughPutWithNewEditsFalse_isForbidden_andAlicesDocIsUnchanged() {
        String id = posts.aliceId("shopping");
        String rev = posts.aliceCreates("shopping", "oat milk");

        RawCouch.Answer attack = pushWithPut(m, branch(id, madeUpRev(50, 'a'), Map.of("owner", "mallory",
                "text", "HIJACKED")));

        assertForbidden(attack, NOT_MALLORYS);
        posts.assertAlicesDocIsUnchanged(id, rev, "oat milk");
    }

    @Test
    void hijackBranchThatClaimsAliceAsOwner_isForbiddenToo() {
        String id = posts.aliceId("shopping");
        String rev = posts.aliceCreates("shopping", "oat milk");
        String rev50 = madeUpRev(50, 'c');

        assertBulkRefused(pushWithBulkDocs(m, branch(id, rev50, Map.of("owner", alice, "text", "HIJACKED"))),
                id, rev50, NOT_MALLORYS);
        assertForbidden(pushWithPut(m, branch(id, madeUpRev(51, 'c'), Map.of("owner", alice, "text", "x"))),
                NOT_MALLORYS);
        posts.assertAlicesDocIsUnchanged(id, rev, "oat milk");
    }

    @Test
    void tombstoneBranchOnAnotherUsersDoc_isForbidden_withOrWithoutABody() {
        String id = posts.aliceId("shopping");
        String rev = posts.aliceCreates("shopping", "oat milk");
        String rev50 = madeUpRev(50, 'b');

        assertBulkRefused(pushWithBulkDocs(m, branch(id, rev50, Map.of("_deleted", true))), id, rev50,
                NOT_MALLORYS);
        assertForbidden(pushWithPut(m, branch(id, madeUpRev(51, 'b'), Map.of("_deleted", true,
                "owner", "mallory"))), NOT_MALLORYS);
        posts.assertAlicesDocIsUnchanged(id, rev, "oat milk");
    }

    @Test
    void recreatingAnIdAfterItsOwnerDeletedIt_isForbidden() {
        String id = posts.aliceId("shopping");
        String rev = posts.aliceCreates("shopping", "oat milk");
        assertThat(posts.delete(id, rev, a).status()).isEqualTo(200);

        String squat = json(Map.of("owner", "mallory", "text", "mine now"));
        assertForbidden(posts.put(id, squat, m), NOT_MALLORYS);
        RawCouch.Answer bulk = posts.bulkDocs(json(Map.of("docs", List.of(Map.of("_id", id, "owner", "mallory")))), m);
        assertThat(bulk.status()).isEqualTo(201);
        assertThat(bulk.json()).isEqualTo(tree(List.of(Map.of("id", id, "error", "forbidden",
                "reason", NOT_MALLORYS))));
        String rev50 = madeUpRev(50, 'd');
        assertBulkRefused(pushWithBulkDocs(m, branch(id, rev50, Map.of("owner", "mallory"))), id, rev50,
                NOT_MALLORYS);

        posts.assertDeleted(id);
    }

    @Test
    void ownersOwnConflictBranch_isAccepted_listedAsConflict_andSheResolvesIt() {
        String id = posts.aliceId("shopping");
        String rev1 = posts.aliceCreates("shopping", "oat milk");
        String rev2 = madeUpRev(2, 'e');

        RawCouch.Answer pushed = pushWithBulkDocs(a, branch(id, rev2, Map.of("owner", alice, "text", "soy milk")));

        assertThat(pushed.status()).isEqualTo(201);
        assertThat(pushed.json()).isEqualTo(tree(List.of()));
        RawCouch.Answer read = posts.get(CouchDbPaths.segment(id) + "?conflicts=true", a);
        assertThat(read.json()).isEqualTo(tree(Map.of("_id", id, "_rev", rev2, "owner", alice, "text", "soy milk",
                "_conflicts", List.of(rev1))));

        assertForbidden(posts.delete(id, rev1, m), NOT_MALLORYS);
        assertThat(posts.delete(id, rev1, a).status()).isEqualTo(200);
        posts.assertAlicesDocIsUnchanged(id, rev2, "soy milk");
    }

    @Test
    void ownersReplicatedEditOnHerBranch_isAccepted_andWinsWithoutConflict() {
        String id = posts.aliceId("shopping");
        String rev1 = posts.aliceCreates("shopping", "oat milk");
        String rev2 = madeUpRev(2, 'f');
        Map<String, Object> doc = new HashMap<>(Map.of("_id", id, "_rev", rev2, "owner", alice, "text", "oat milk x2"));
        doc.put("_revisions", Map.of("start", 2, "ids", List.of(rev2.substring(2), rev1.substring(2))));

        RawCouch.Answer pushed = pushWithBulkDocs(a, doc);

        assertThat(pushed.status()).isEqualTo(201);
        assertThat(pushed.json()).isEqualTo(tree(List.of()));
        posts.assertAlicesDocIsUnchanged(id, rev2, "oat milk x2");
    }
}
