package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nobody takes another user's document over through couchgate, also not with the replication protocol's writes
 * (docs.couchdb.org api/database/bulk-api.html {@code new_edits:false}, api/document/common.html
 * {@code PUT ?new_edits=false}, which every PouchDB push uses): a revision branch that shares nothing with the
 * stored tree reaches {@code validate_doc_update} with {@code oldDoc = null} and, with a higher rev, would win. The
 * {@code owner-write} policy therefore binds a document to its id: a non-admin write must have an {@code _id}
 * starting with {@code <username>:} and carry {@code owner} equal to that username (a tombstone: the prefix).
 *
 * <p>alice and mallory are app users with sessions on a real couchgate and a real (dev) CouchDB. Each refusal that
 * couchgate passes on is compared byte for byte with what the same server answers directly to a CouchDB user that
 * holds mallory's roles ({@code end_user}, {@code user:mallory}), and alice's document reads the same afterwards:
 * winning revision, {@code _conflicts}, {@code _deleted_conflicts}, {@code _revs_info} and every leaf
 * ({@code open_revs=all}).
 *
 * <p>Where the dev server differs: for a disjoint branch it hands the validator the stored winner as {@code oldDoc}
 * (pouchdb-validation), where CouchDB 3 hands {@code null}. The rule reads {@code newDoc} alone, so both refuse the
 * same writes; but on the dev server only the re-creation case was let through by the version-1 validator.
 */
class DocumentTakeoverTest extends StackWithAlice {

    private static final String SHOPPING = "alice:shopping";
    /** The validator's reason (adapters-couchdb couchgate-owner-write.js) for a write outside mallory's ids. */
    private static final String NOT_MALLORYS = "_id must start with mallory: followed by a name";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String mallory;
    private static String malloryDirect;

    @BeforeAll
    static void malloryAndAlicesShoppingList() {
        mallory = stack.signUpAndLogIn("mallory");
        malloryDirect = couchUser("direct-mallory", "[\"end_user\",\"user:mallory\"]");
        RawResponse created = asAlice("PUT", "/database/posts/" + SHOPPING,
                "{\"owner\":\"alice\",\"items\":[\"oat milk\",\"lemons\"]}");
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    }

    static Stream<Arguments> forgedBranches() {
        return Stream.of(
                Arguments.of("_bulk_docs", "mallory"), Arguments.of("_bulk_docs", "alice"),
                Arguments.of("PUT ?new_edits=false", "mallory"), Arguments.of("PUT ?new_edits=false", "alice"));
    }

    @ParameterizedTest(name = "{0}, forged owner {1}")
    @MethodSource("forgedBranches")
    void malloryPushingADisjointBranchOfAlicesDoc_isRefusedAsCouchDbRefusesHerDirectly_andAlicesDocIsUnchanged(
            String form, String forgedOwner) {
        String revision = forgedRevision(SHOPPING, 50,
                "\"owner\":\"" + forgedOwner + "\",\"items\":[\"nothing for alice\"]");
        List<String> before = alicesView(SHOPPING);

        Refusal refusal = attack(form, SHOPPING, revision);

        refusal.assertForbiddenByCouchDb(SHOPPING, NOT_MALLORYS);
        assertThat(alicesView(SHOPPING)).isEqualTo(before);
        System.out.println("takeover by " + form + " (owner " + forgedOwner + ") through couchgate: "
                + refusal.through().status() + " " + refusal.through().bodyText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"_bulk_docs", "PUT ?new_edits=false"})
    void malloryPushingATombstoneBranchOfAlicesDoc_isRefused_andAlicesDocIsIntact(String form) {
        List<String> before = alicesView(SHOPPING);

        Refusal refusal = attack(form, SHOPPING, forgedRevision(SHOPPING, 51, "\"_deleted\":true"));

        refusal.assertForbiddenByCouchDb(SHOPPING, NOT_MALLORYS);
        assertThat(alicesView(SHOPPING)).isEqualTo(before);
        RawResponse read = asAlice("GET", "/database/posts/" + SHOPPING, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(stack.parse(read.bodyText())).containsEntry("owner", "alice")
                .containsEntry("items", List.of("oat milk", "lemons"));
        System.out.println("tombstone by " + form + " through couchgate: " + refusal.through().status() + " "
                + refusal.through().bodyText());
    }

    @Test
    void afterAliceDeletesHerDoc_malloryCannotRecreateItUnderHerId_butAliceCan() {
        String id = "alice:x";
        RawResponse created = asAlice("PUT", "/database/posts/" + id, "{\"owner\":\"alice\",\"text\":\"first\"}");
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        RawResponse deleted = asAlice("DELETE", "/database/posts/" + id + "?rev=" + rev(created), null);
        assertThat(deleted.status()).as(deleted.bodyText()).isEqualTo(200);
        List<String> before = alicesView(id);

        for (String forgedOwner : List.of("mallory", "alice")) {
            String body = "{\"owner\":\"" + forgedOwner + "\",\"text\":\"mine now\"}";
            RawResponse through = stack.through("PUT", "/database/posts/" + id, mallory, json(), bytes(body));
            RawResponse direct = directAsMallory("PUT", "/posts/" + id, body);
            new Refusal(through, direct).assertForbiddenByCouchDb(id, NOT_MALLORYS);
            assertThat(through.status()).as("owner " + forgedOwner).isEqualTo(403);
        }

        assertThat(alicesView(id)).isEqualTo(before);
        RawResponse again = asAlice("PUT", "/database/posts/" + id, "{\"owner\":\"alice\",\"text\":\"again\"}");
        assertThat(again.status()).as(again.bodyText()).isEqualTo(201);
        assertThat(stack.parse(asAlice("GET", "/database/posts/" + id, null).bodyText()))
                .containsEntry("owner", "alice").containsEntry("text", "again").containsEntry("_rev", rev(again));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"_bulk_docs", "PUT ?new_edits=false"})
    void alicePushingADisjointBranchOfHerOwnDoc_isAccepted_andTheHigherRevWinsWithHersAsConflict(String form) {
        String id = "alice:branched-" + (form.startsWith("PUT") ? "put" : "bulk");
        RawResponse created = asAlice("PUT", "/database/posts/" + id, "{\"owner\":\"alice\",\"text\":\"laptop\"}");
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        String hash = randomRevHash();
        String revision = forgedRevision(id, 50, hash, "\"owner\":\"alice\",\"text\":\"phone\"");

        RawResponse pushed = form.startsWith("PUT")
                ? asAlice("PUT", "/database/posts/" + id + "?new_edits=false", revision)
                : asAlice("POST", "/database/posts/_bulk_docs", "{\"new_edits\":false,\"docs\":[" + revision + "]}");

        assertThat(pushed.status()).as(pushed.bodyText()).isEqualTo(201);
        assertThat(pushed.bodyText()).doesNotContain("\"error\"");
        String target = "/posts/" + id + "?conflicts=true";
        RawResponse read = asAlice("GET", "/database" + target, null);
        assertThat(read.body()).isEqualTo(stack.direct("GET", target, json(), null).body());
        assertThat(stack.parse(read.bodyText())).containsEntry("_rev", "50-" + hash).containsEntry("text", "phone")
                .containsEntry("_conflicts", List.of(rev(created)));
    }

    /** The forged write in one of its two forms, through couchgate as mallory and straight to CouchDB. */
    private static Refusal attack(String form, String id, String revision) {
        boolean put = form.startsWith("PUT");
        String path = put ? "/posts/" + id + "?new_edits=false" : "/posts/_bulk_docs";
        String body = put ? revision : "{\"new_edits\":false,\"docs\":[" + revision + "]}";
        RawResponse through = stack.through(put ? "PUT" : "POST", "/database" + path, mallory, json(), bytes(body));
        RawResponse direct = directAsMallory(put ? "PUT" : "POST", path, body);
        return new Refusal(through, direct);
    }

    /** A revision of {@code id} at {@code position} whose history shares nothing with what CouchDB holds. */
    private static String forgedRevision(String id, int position, String fields) {
        return forgedRevision(id, position, randomRevHash(), fields);
    }

    private static String forgedRevision(String id, int position, String hash, String fields) {
        return "{\"_id\":\"" + id + "\",\"_rev\":\"" + position + "-" + hash + "\",\"_revisions\":{\"start\":"
                + position + ",\"ids\":[\"" + hash + "\"]}," + fields + "}";
    }

    /** What alice reads of a document: the winner with conflicts and revision info, and every leaf. */
    private static List<String> alicesView(String id) {
        RawResponse winner = asAlice("GET", "/database/posts/" + id
                + "?conflicts=true&deleted_conflicts=true&revs_info=true", null);
        RawResponse leaves = asAlice("GET", "/database/posts/" + id + "?open_revs=all&revs=true", null);
        return List.of(winner.status() + " " + winner.bodyText(), leaves.status() + " " + leaves.bodyText());
    }

    private static RawResponse asAlice(String method, String target, String jsonBody) {
        return stack.through(method, target, alice, json(), jsonBody == null ? null : bytes(jsonBody));
    }

    private static RawResponse directAsMallory(String method, String target, String jsonBody) {
        Map<String, String> headers = new LinkedHashMap<>(json());
        headers.put("Authorization", malloryDirect);
        return RawHttp.send(stack.couchDbPort(), method, target, headers, bytes(jsonBody));
    }

    /** Creates a CouchDB user with {@code roles} (a JSON array) as couchgate's admin; returns its Basic header. */
    private static String couchUser(String name, String roles) {
        String password = randomRevHash();
        RawResponse created = stack.direct("PUT", "/_users/org.couchdb.user:" + name, json(), bytes("{\"_id\":"
                + "\"org.couchdb.user:" + name + "\",\"name\":\"" + name + "\",\"type\":\"user\",\"roles\":" + roles
                + ",\"password\":\"" + password + "\"}"));
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String rev(RawResponse written) {
        return (String) stack.parse(written.bodyText()).get("rev");
    }

    private static String randomRevHash() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** couchgate's answer to a forged write and the same server's direct answer to mallory's roles. */
    private record Refusal(RawResponse through, RawResponse direct) {

        /**
         * The same status and body as the direct answer, and that answer is the validator's {@code forbidden}: a 403
         * for a single-document write, a per-document error inside {@code _bulk_docs}' 201 (docs.couchdb.org
         * api/database/bulk-api.html, "Bulk Documents Validation").
         */
        void assertForbiddenByCouchDb(String id, String reason) {
            assertThat(through.status()).as(through.bodyText()).isEqualTo(direct.status());
            assertThat(through.bodyText()).isEqualTo(direct.bodyText());
            String text = through.bodyText().trim();
            if (text.startsWith("[")) {
                assertThat(through.status()).isEqualTo(201);
                List<Map<String, Object>> results = stack.parseList(text);
                assertThat(results).hasSize(1);
                assertThat(results.get(0)).containsEntry("id", id).containsEntry("error", "forbidden")
                        .containsEntry("reason", reason);
            } else {
                assertThat(through.status()).isEqualTo(403);
                assertThat(stack.parse(text)).isEqualTo(Map.of("error", "forbidden", "reason", reason));
            }
        }
    }
}
