package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A request body sent with {@code Content-Encoding: gzip} reaches CouchDB as sent, compressed, with its header
 * (CouchDB 3 reads gzip request bodies and keeps a gzip attachment as it came, docs.couchdb.org
 * api/document/attachments.html and api/basics.html): a 20 MiB gzip attachment upload through couchgate gets the
 * same answer and leaves the same stored attachment as the same upload sent straight to the same server. Before,
 * Micronaut inflated the body on the way in and the upload could fail half-way after CouchDB had stored part of it.
 */
class GzipUploadTest extends StackWithAlice {

    private static final long SIZE = 20L * 1024 * 1024;

    @Test
    void gzipAttachmentOf20MiB_isStoredAsWhenSentStraightToCouchDb() throws Exception {
        byte[] gzip = gzip(new GeneratedBytes(SIZE, 0x9a1fL));
        assertThat(gzip.length).isGreaterThan(16 * 1024 * 1024);
        Map<String, String> upload = Map.of("Content-Type", "application/octet-stream", "Content-Encoding", "gzip");

        String throughRev = rev(stack.through("PUT", "/database/posts/alice:gz-through", alice, json(),
                bytes("{\"owner\":\"alice\"}")));
        RawResponse through = stack.through("PUT", "/database/posts/alice:gz-through/blob.bin?rev=" + throughRev, alice,
                upload, gzip);
        String directRev = rev(stack.direct("PUT", "/posts/alice:gz-direct", json(), bytes("{\"owner\":\"alice\"}")));
        RawResponse direct = stack.direct("PUT", "/posts/alice:gz-direct/blob.bin?rev=" + directRev, upload, gzip);

        assertThat(through.status()).as(through.bodyText()).isEqualTo(direct.status());
        assertThat(withoutIdAndRev(stack.parse(through.bodyText())))
                .isEqualTo(withoutIdAndRev(stack.parse(direct.bodyText())));
        RawResponse throughBlob = stack.through("GET", "/database/posts/alice:gz-through/blob.bin", alice, Map.of(), null);
        RawResponse directBlob = stack.direct("GET", "/posts/alice:gz-direct/blob.bin", Map.of(), null);
        assertThat(throughBlob.status()).isEqualTo(directBlob.status());
        assertThat(GeneratedBytes.sha256(new ByteArrayInputStream(throughBlob.body())))
                .isEqualTo(GeneratedBytes.sha256(new ByteArrayInputStream(directBlob.body())));
        assertThat(throughBlob.headers().get("content-encoding"))
                .isEqualTo(directBlob.headers().get("content-encoding"));
        assertThat(attachmentStub(stack.through("GET", "/database/posts/alice:gz-through", alice, json(), null)))
                .isEqualTo(attachmentStub(stack.direct("GET", "/posts/alice:gz-direct", json(), null)));
        System.out.printf("gzip upload of %d bytes: status %d; stored %s%n", gzip.length, direct.status(),
                attachmentStub(stack.direct("GET", "/posts/alice:gz-direct", json(), null)));
    }

    /** /api bodies are small JSON and are not inflated either: a gzip one is refused as unreadable. */
    @Test
    void gzipBodyToApi_isRefusedAsBadRequest_withAProblem() throws Exception {
        byte[] body = gzip(new ByteArrayInputStream(bytes("{\"username\":\"alice\",\"password\":\"x\"}")));

        RawResponse response = stack.through("PUT", "/api/sessions", null,
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).containsExactly("application/problem+json");
        assertThat(stack.parse(response.bodyText())).containsEntry("title", "Malformed request");
    }

    private static byte[] gzip(InputStream plain) throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed); plain) {
            plain.transferTo(out);
        }
        return compressed.toByteArray();
    }

    private static String rev(RawResponse created) {
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        return (String) stack.parse(created.bodyText()).get("rev");
    }

    private static Map<String, Object> withoutIdAndRev(Map<String, Object> answer) {
        Map<String, Object> rest = new java.util.HashMap<>(answer);
        rest.remove("id");
        rest.remove("rev");
        return rest;
    }

    @SuppressWarnings("unchecked")
    private static Object attachmentStub(RawResponse doc) {
        assertThat(doc.status()).as(doc.bodyText()).isEqualTo(200);
        return ((Map<String, Object>) stack.parse(doc.bodyText()).get("_attachments")).get("blob.bin");
    }
}
