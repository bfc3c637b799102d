package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Document ids that need percent-encoding travel through couchgate as sent (docs.couchdb.org
 * best-practices/reverse-proxies.html: forward the raw path). App doc ids start with {@code alice:}, as the
 * {@code owner-write} policy requires, spelled raw or as {@code %3A} (PouchDB's encodeURIComponent). Each answer
 * is compared with the same server's direct answer to its admin, and the relay shows the exact request line CouchDB
 * received.
 */
class DocumentPathsTest extends StackWithAlice {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "alice%3Aa%2Fb|alice:a/b",
        "alice:x+y|alice:x+y",
        "alice:with%20space|alice:with space",
        "alice%3A%C3%A9%E2%9C%93|alice:é✓"})
    void createReadDelete_ofAnEncodedId_reachesCouchDbAsSent_andReadsBackAsCouchDbServesIt(String raw, String id) {
        RawResponse created = through("PUT", "/database/posts/" + raw, "{\"owner\":\"alice\",\"n\":1}");
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(stack.parse(created.bodyText())).containsEntry("ok", true).containsEntry("id", id);
        assertThat(stack.relay().requestLines()).contains("PUT /posts/" + raw + " HTTP/1.1");

        RawResponse read = through("GET", "/database/posts/" + raw, null);
        RawResponse directRead = stack.direct("GET", "/posts/" + raw, json(), null);
        assertThat(read.status()).isEqualTo(200).isEqualTo(directRead.status());
        assertThat(read.body()).isEqualTo(directRead.body());
        assertThat(stack.parse(read.bodyText())).containsEntry("_id", id).containsEntry("owner", "alice");
        assertThat(stack.relay().requestLines()).contains("GET /posts/" + raw + " HTTP/1.1");

        String rev = (String) stack.parse(created.bodyText()).get("rev");
        RawResponse deleted = through("DELETE", "/database/posts/" + raw + "?rev=" + rev, null);
        assertThat(deleted.status()).as(deleted.bodyText()).isEqualTo(200);
        assertThat(stack.relay().requestLines()).contains("DELETE /posts/" + raw + "?rev=" + rev + " HTTP/1.1");
        RawResponse gone = through("GET", "/database/posts/" + raw, null);
        RawResponse directGone = stack.direct("GET", "/posts/" + raw, json(), null);
        assertThat(gone.status()).isEqualTo(404).isEqualTo(directGone.status());
        assertThat(gone.body()).isEqualTo(directGone.body());
    }

    @Test
    void localDoc_isStoredUnderTheUsersPrefix_andReadsBackAsCouchDbServesIt_withTheClientsId() {
        RawResponse created = through("PUT", "/database/posts/_local/checkpoint-1", "{\"last_seq\":\"3\"}");
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(stack.parse(created.bodyText())).containsEntry("ok", true)
                .containsEntry("id", "_local/checkpoint-1");
        assertThat(stack.relay().requestLines()).contains("PUT /posts/_local/alice%3Acheckpoint-1 HTTP/1.1");

        RawResponse read = through("GET", "/database/posts/_local/checkpoint-1", null);
        RawResponse directRead = stack.direct("GET", "/posts/_local/alice%3Acheckpoint-1", json(), null);
        assertThat(read.status()).isEqualTo(200).isEqualTo(directRead.status());
        Map<String, Object> expected = new java.util.HashMap<>(stack.parse(directRead.bodyText()));
        assertThat(expected).containsEntry("_id", "_local/alice:checkpoint-1");
        expected.put("_id", "_local/checkpoint-1");
        assertThat(stack.parse(read.bodyText())).isEqualTo(expected);

        String rev = (String) stack.parse(created.bodyText()).get("rev");
        RawResponse deleted = through("DELETE", "/database/posts/_local/checkpoint-1?rev=" + rev, null);
        assertThat(deleted.status()).as(deleted.bodyText()).isEqualTo(200);
        assertThat(stack.parse(deleted.bodyText())).containsEntry("id", "_local/checkpoint-1");
        RawResponse gone = through("GET", "/database/posts/_local/checkpoint-1", null);
        RawResponse directGone = stack.direct("GET", "/posts/_local/alice%3Acheckpoint-1", json(), null);
        assertThat(gone.status()).isEqualTo(404).isEqualTo(directGone.status());
        assertThat(gone.body()).isEqualTo(directGone.body());
    }

    @Test
    void attachmentNamedWithASlashAndASpace_isStoredAndReadBackByteIdentical() {
        RawResponse doc = through("PUT", "/database/posts/alice:with-attachment", "{\"owner\":\"alice\"}");
        assertThat(doc.status()).as(doc.bodyText()).isEqualTo(201);
        String rev = (String) stack.parse(doc.bodyText()).get("rev");
        byte[] content = bytes("first line\nsecond line: é✓\n");
        String target = "/database/posts/alice:with-attachment/dir%2Ffile%20name.txt?rev=" + rev;

        RawResponse stored = stack.through("PUT", target, alice, Map.of("Content-Type", "text/plain"), content);
        assertThat(stored.status()).as(stored.bodyText()).isEqualTo(201);
        assertThat(stack.relay().requestLines())
                .contains("PUT /posts/alice:with-attachment/dir%2Ffile%20name.txt?rev=" + rev + " HTTP/1.1");

        RawResponse read = through("GET", "/database/posts/alice:with-attachment/dir%2Ffile%20name.txt", null);
        RawResponse direct = stack.direct("GET", "/posts/alice:with-attachment/dir%2Ffile%20name.txt", Map.of(), null);
        assertThat(read.status()).isEqualTo(200).isEqualTo(direct.status());
        assertThat(read.body()).isEqualTo(content).isEqualTo(direct.body());
        assertThat(read.header("content-type")).isEqualTo(direct.header("content-type"));
        assertThat(stack.relay().requestLines())
                .contains("GET /posts/alice:with-attachment/dir%2Ffile%20name.txt HTTP/1.1");
    }

    @Test
    void copyWithDestination_makesTheCopy_asCouchDbDoes() {
        RawResponse source = through("PUT", "/database/posts/alice:copy-source",
                "{\"owner\":\"alice\",\"text\":\"original\"}");
        assertThat(source.status()).as(source.bodyText()).isEqualTo(201);

        RawResponse copied = stack.through("COPY", "/database/posts/alice:copy-source", alice,
                Map.of("Destination", "alice:copy-target", "Accept", "application/json"), null);

        RawResponse directCopy = stack.direct("COPY", "/posts/alice:copy-source",
                Map.of("Destination", "alice:copy-target-direct", "Accept", "application/json"), null);
        assertThat(copied.status()).as(copied.bodyText()).isEqualTo(201).isEqualTo(directCopy.status());
        assertThat(stack.parse(copied.bodyText())).containsEntry("ok", true)
                .containsOnlyKeys(stack.parse(directCopy.bodyText()).keySet());
        assertThat(stack.relay().requestLines()).contains("COPY /posts/alice:copy-source HTTP/1.1");
        RawResponse read = through("GET", "/database/posts/alice:copy-target", null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(stack.direct("GET", "/posts/alice:copy-target", json(), null).body());
        assertThat(stack.parse(read.bodyText())).containsEntry("text", "original").containsEntry("owner", "alice");
    }

    @Test
    void head_givesTheHeadersWithoutABody_andIfNoneMatchWithTheEtag_gives304() {
        assertThat(through("PUT", "/database/posts/alice:etag-doc", "{\"owner\":\"alice\"}").status()).isEqualTo(201);

        RawResponse head = through("HEAD", "/database/posts/alice:etag-doc", null);
        RawResponse directHead = stack.direct("HEAD", "/posts/alice:etag-doc", json(), null);
        assertThat(head.status()).isEqualTo(200).isEqualTo(directHead.status());
        assertThat(head.bytesAfterHead()).isFalse();
        assertThat(head.body()).isEmpty();
        String etag = head.header("etag").orElseThrow();
        assertThat(etag).isEqualTo(directHead.header("etag").orElseThrow());

        RawResponse notModified = stack.through("GET", "/database/posts/alice:etag-doc", alice,
                Map.of("Accept", "application/json", "If-None-Match", etag), null);
        RawResponse directNotModified = stack.direct("GET", "/posts/alice:etag-doc",
                Map.of("Accept", "application/json", "If-None-Match", etag), null);
        assertThat(notModified.status()).isEqualTo(304).isEqualTo(directNotModified.status());
        assertThat(notModified.body()).isEmpty();
    }

    /**
     * A doc id of 7,000 characters makes a request line of about 7 KB, below CouchDB's own limit (about 8 KiB) and
     * over Netty's default 4 KiB: couchgate forwards it, and both answers are CouchDB's. The dev server makes a random
     * {@code rev}, so the write's answers are compared without it.
     */
    @Test
    void docIdOf7000Characters_isWrittenAndRead_asCouchDbAnswersDirectly() {
        String id = "alice:" + "l".repeat(7000);
        String directId = "alice:" + "m".repeat(7000);

        RawResponse created = through("PUT", "/database/posts/" + id, "{\"owner\":\"alice\"}");
        RawResponse directCreated = stack.direct("PUT", "/posts/" + directId, json(), bytes("{\"owner\":\"alice\"}"));
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201).isEqualTo(directCreated.status());
        Map<String, Object> expected = new java.util.HashMap<>(stack.parse(directCreated.bodyText()));
        expected.put("id", id);
        expected.remove("rev");
        Map<String, Object> actual = new java.util.HashMap<>(stack.parse(created.bodyText()));
        assertThat(actual.remove("rev")).isNotNull();
        assertThat(actual).isEqualTo(expected);
        assertThat(stack.relay().requestLines()).contains("PUT /posts/" + id + " HTTP/1.1");

        RawResponse read = through("GET", "/database/posts/" + id, null);
        RawResponse directRead = stack.direct("GET", "/posts/" + id, json(), null);
        assertThat(read.status()).as(read.bodyText()).isEqualTo(200).isEqualTo(directRead.status());
        assertThat(read.body()).isEqualTo(directRead.body());
        assertThat(stack.parse(read.bodyText())).containsEntry("_id", id).containsEntry("owner", "alice");
    }

    private static RawResponse through(String method, String target, String jsonBody) {
        return stack.through(method, target, alice, json(), jsonBody == null ? null : bytes(jsonBody));
    }
}
