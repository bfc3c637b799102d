package io.couchgate.bootstrap.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PouchDB (npm {@code pouchdb}, pinned in {@code bootstrap/src/test/node/pouchdb-replication}) replicates
 * through couchgate with its {@code fetch} adding the Bearer header: the replication protocol
 * (docs.couchdb.org replication/protocol.html: {@code _revs_diff}, {@code _bulk_docs}, {@code _bulk_get},
 * {@code _local} checkpoints, kept per user, {@code _changes}) passes the proxy, attachments included. Doc ids start
 * with the writer's username and a colon, as the {@code owner-write} policy requires of every replicated revision.
 */
class PouchDbReplicationTest {

    private static CouchgateStack stack;
    private static String alice;
    private static String bob;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        stack = CouchgateStack.start();
        alice = stack.signUpAndLogIn("alice");
        bob = stack.signUpAndLogIn("bob");
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pouchDb_pushes500DocsWithAttachments_pullsThemBackEqual_andALiveSyncSeesAnotherSessionsChangeWithin2s()
            throws Exception {
        String remote = "http://127.0.0.1:" + stack.couchgatePort() + "/database/posts";
        int before = docCount();

        String output = NodeScripts.run("pouchdb-replication", "replicate.js", tmp,
                remote, "alice", alice, "bob", bob);

        Map<String, Object> summary = stack.parse(output);
        assertThat((Map<String, Object>) summary.get("push")).containsEntry("ok", true)
                .containsEntry("docsWritten", 500).containsEntry("failures", 0);
        assertThat((Map<String, Object>) summary.get("pull")).containsEntry("ok", true)
                .containsEntry("failures", 0);
        Map<String, Object> source = (Map<String, Object>) summary.get("source");
        Map<String, Object> back = (Map<String, Object>) summary.get("back");
        assertThat(source).containsEntry("count", 500).containsEntry("withAttachments", 50);
        assertThat(back).isEqualTo(source);
        // 500 more docs than before (couchgate's _design/couchgate, other tests' docs), as CouchDB counts them;
        // then bob's live doc.
        assertThat(summary.get("remoteDocCount")).isEqualTo(before + 500);
        assertThat(docCount()).isEqualTo(before + 501);
        Map<String, Object> live = (Map<String, Object>) summary.get("live");
        assertThat(live).containsEntry("id", "bob:live").containsEntry("owner", "bob");
        assertThat(((Number) live.get("latencyMs")).longValue()).isLessThan(2000);
        assertThat(stack.relay().requestLines()).anyMatch(l -> l.startsWith("POST /posts/_bulk_docs "))
                .anyMatch(l -> l.startsWith("POST /posts/_revs_diff "))
                .anyMatch(l -> l.startsWith("PUT /posts/_local/alice%3A"))
                .anyMatch(l -> l.startsWith("GET /posts/_changes?") && l.contains("feed=longpoll"));
        System.out.println("PouchDB live change through couchgate after " + live.get("latencyMs") + " ms");
    }

    private static int docCount() {
        return ((Number) stack.parse(stack.direct("GET", "/posts", CouchgateStack.json(), null).bodyText())
                .get("doc_count")).intValue();
    }

    /**
     * PouchDB keeps its checkpoints in {@code _local} docs on both sides (replication/protocol.html, "Retrieve
     * Replication Logs"); through couchgate a second push and a second pull with the same databases start from
     * them: the push asks {@code _revs_diff} about the new docs only, the pull's {@code _changes} reads return only
     * the new docs (counted by the script's {@code fetch}), and each reads and writes just those.
     */
    @Test
    @SuppressWarnings("unchecked")
    void pouchDb_replicatingAgain_resumesFromItsCheckpoints_andReadsOnlyTheNewDocs() throws Exception {
        String remote = "http://127.0.0.1:" + stack.couchgatePort() + "/database/posts";

        String output = NodeScripts.run("pouchdb-replication", "resume.js", tmp, remote, "alice", alice, "20", "5");

        Map<String, Object> summary = stack.parse(output);
        Map<String, Object> firstPull = (Map<String, Object>) summary.get("firstPull");
        assertThat((Map<String, Object>) summary.get("firstPush")).containsEntry("ok", true)
                .containsEntry("docsRead", 20).containsEntry("docsWritten", 20).containsEntry("failures", 0)
                .containsEntry("revsDiffIds", 20);
        assertThat(firstPull).containsEntry("ok", true).containsEntry("failures", 0);
        assertThat(((Number) firstPull.get("changesRows")).intValue()).isGreaterThanOrEqualTo(20);
        assertThat((Map<String, Object>) summary.get("secondPush")).containsEntry("ok", true)
                .containsEntry("docsRead", 5).containsEntry("docsWritten", 5).containsEntry("failures", 0)
                .containsEntry("revsDiffIds", 5);
        assertThat((Map<String, Object>) summary.get("secondPull")).containsEntry("ok", true)
                .containsEntry("docsRead", 5).containsEntry("docsWritten", 5).containsEntry("failures", 0)
                .containsEntry("changesRows", 5);
        assertThat(summary).containsEntry("laterPulledBack", 5);
        // The checkpoints it resumed from are alice's own: stored as _local/alice:<id> (LocalDocuments).
        assertThat(stack.relay().requestLines()).anyMatch(l -> l.startsWith("GET /posts/_local/alice%3A"))
                .anyMatch(l -> l.startsWith("PUT /posts/_local/alice%3A"))
                .noneMatch(l -> l.contains("/_local/") && !l.contains("/_local/alice%3A")
                        && !l.contains("/_local/bob%3A"));
    }
}
