package io.couchgate.adapters.couchdb;

import static io.couchgate.adapters.couchdb.OwnerWritePosts.json;
import static io.couchgate.adapters.couchdb.OwnerWritePosts.madeUpRev;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/migrate-owner-ids} run with node against the harness's server, with couchgate's admin read from a
 * {@code secrets.properties} as FileSecretsStore writes it: docs without the {@code <owner>:} prefix move to
 * {@code <owner>:<old id>} with their attachments, only with {@code --apply}, and a second run finds nothing to do.
 */
@ExtendWith(CouchDbExtension.class)
class OwnerIdMigrationScriptTest {

    private static final String PNG_BASE64 = Base64.getEncoder().encodeToString(TestRandom.bytes(3000));

    private final OwnerWritePosts posts;
    private final String alice;
    private final CouchDbServer server;

    OwnerIdMigrationScriptTest(CouchDbServer server) {
        this.server = server;
        posts = new OwnerWritePosts(server);
        alice = posts.alice;
    }

    @AfterEach
    void close() {
        posts.close();
    }

    private void adminWrites(String id, Map<String, Object> doc) {
        assertThat(posts.put(id, json(doc), null).status()).as(id).isEqualTo(201);
    }

    /** Writes, as the admin, a doc of each kind the script tells apart. */
    private void writeLegacyDocs() {
        adminWrites("note-1", Map.of("owner", alice, "text", "hi", "_attachments", Map.of(
                "a.txt", Map.of("content_type", "text/plain", "data", "aGVsbG8="),
                "b.png", Map.of("content_type", "image/png", "data", PNG_BASE64))));
        adminWrites("users/bob", Map.of("owner", "bob", "tags", List.of("x", 1)));
        adminWrites("orphan", Map.of("text", "no owner"));
        adminWrites("bad-owner", Map.of("owner", "Not Valid!"));
        adminWrites(alice + ":done", Map.of("owner", alice));
        adminWrites("taken", Map.of("owner", alice, "text", "legacy"));
        adminWrites(alice + ":taken", Map.of("owner", alice, "text", "different"));
        adminWrites("halfway", Map.of("owner", alice, "text", "h"));
        adminWrites(alice + ":halfway", Map.of("owner", alice, "text", "h"));
        adminWrites("conflicted", Map.of("owner", alice, "text", "one"));
        String rev = madeUpRev(1, 'e');
        RawCouch.Answer branch = posts.bulkDocs(json(Map.of("new_edits", false, "docs", List.of(Map.of(
                "_id", "conflicted", "_rev", rev, "_revisions", OwnerWritePosts.disjointRevisions(rev),
                "owner", alice, "text", "two")))), null);
        assertThat(branch.status()).isEqualTo(201);
    }

    @Test
    void dryRunChangesNothing_applyMovesEachLegacyDocToItsOwnersPrefix_andASecondRunFindsNothingToMove(
            @TempDir Path dataDir) {
        writeSecrets(dataDir);
        writeLegacyDocs();
        JsonNode before = allDocs();
        JsonNode note = doc("note-1");

        assertThat(run(dataDir)).isEqualTo(posts.db + " (dry run, nothing written; --apply writes): to move 2, "
                + "to finish 1, already prefixed 3; left alone: no valid owner 2, conflicted 1, new id taken 1");
        assertThat(allDocs()).isEqualTo(before);

        assertThat(run(dataDir, "--apply")).isEqualTo(posts.db + ": moved 2, finished 1, already prefixed 3; "
                + "left alone: no valid owner 2, conflicted 1, new id taken 1");
        assertMoved(note, alice + ":note-1");
        assertMoved(before.get("users/bob"), "bob:users/bob");
        assertThat(posts.get("halfway", null).status()).isEqualTo(404);
        for (String kept : List.of("orphan", "bad-owner", "taken", "conflicted", alice + ":taken",
                alice + ":halfway", alice + ":done")) {
            assertThat(doc(kept).get("_rev")).as(kept).isEqualTo(before.get(kept).get("_rev"));
        }

        assertThat(run(dataDir, "--apply")).isEqualTo(posts.db + ": moved 0, finished 0, already prefixed 5; "
                + "left alone: no valid owner 2, conflicted 1, new id taken 1");
    }

    @Test
    void aMovedDoc_isWritableByItsOwnerAgain(@TempDir Path dataDir) {
        writeSecrets(dataDir);
        adminWrites("note-2", Map.of("owner", alice, "text", "old"));
        run(dataDir, "--apply");

        String id = alice + ":note-2";
        RawCouch.Answer edited = posts.put(id, json(Map.of("_rev", posts.rev(id), "owner", alice, "text", "new")),
                posts.aliceSession);
        assertThat(edited.status()).isEqualTo(201);
    }

    private void assertMoved(JsonNode old, String newId) {
        JsonNode moved = doc(newId);
        String oldId = old.get("_id").asText();
        assertThat(withoutRevisionFields(moved)).isEqualTo(withoutRevisionFields(old));
        RawCouch.Answer gone = posts.get(CouchDbPaths.segment(oldId), null);
        assertThat(gone.status()).as(oldId).isEqualTo(404);
    }

    /** The doc without {@code _id}, {@code _rev} and attachments' {@code revpos}: what the copy must keep. */
    private static JsonNode withoutRevisionFields(JsonNode doc) {
        ObjectNode copy = doc.deepCopy();
        copy.remove(List.of("_id", "_rev"));
        copy.path("_attachments").forEach(att -> ((ObjectNode) att).remove("revpos"));
        return copy;
    }

    private JsonNode doc(String id) {
        RawCouch.Answer read = posts.get(CouchDbPaths.segment(id) + "?attachments=true", null);
        assertThat(read.status()).as(id).isEqualTo(200);
        return read.json();
    }

    /** @return every doc (attachments inline), by id */
    private JsonNode allDocs() {
        JsonNode rows = posts.get("_all_docs?include_docs=true&attachments=true", null).json().get("rows");
        ObjectNode byId = RawCouch.JSON.createObjectNode();
        rows.forEach(row -> byId.set(row.get("id").asText(), row.get("doc")));
        return byId;
    }

    /** Writes {@code secrets.properties} as FileSecretsStore does, with the harness's admin. */
    private void writeSecrets(Path dataDir) {
        String text = "# couchgate secrets: keep this file private (mode 0600)\nstate=ACTIVE\njwt-secret=AAAA\n"
                + "admin.name=" + escape(posts.admin.name()) + "\nadmin.password=" + escape(posts.admin.password())
                + "\n";
        try {
            Files.writeString(dataDir.resolve("secrets.properties"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Runs the script with node; asserts exit 0 and nothing on stderr; returns its one line of output. */
    private String run(Path dataDir, String... extra) {
        List<String> command = new ArrayList<>(List.of("node", script().toString(), "--db", posts.db,
                "--data-dir", dataDir.toString(), "--couchdb-url", server.url().toString()));
        command.addAll(List.of(extra));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("migrate-owner-ids did not end within 120 s");
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(err).isEmpty();
            assertThat(process.exitValue()).isZero();
            assertThat(out).endsWith("\n").doesNotContain(posts.admin.password());
            assertThat(out.lines().count()).isEqualTo(1);
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("scripts").resolve("migrate-owner-ids");
            }
        }
        throw new IllegalStateException("no folder above the working directory holds mvnw");
    }
}
