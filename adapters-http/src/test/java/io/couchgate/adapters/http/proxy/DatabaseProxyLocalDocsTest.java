package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code _local} documents are per app user through the proxy: alice's and bob's {@code _local/x} are two documents
 * (stored as {@code _local/alice:x} and {@code _local/bob:x}), each sees only the id it asked for, and no route
 * reaches the other's. Compared with the same server's direct answers.
 */
@ExtendWith(CouchDbExtension.class)
class DatabaseProxyLocalDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JSON_TYPE = List.of("Content-Type: application/json");

    private static CouchDbAdmin admin;
    private static ProxyUnderTest proxy;
    private static String database;

    @BeforeAll
    static void start(CouchDbServer couchDb) throws Exception {
        admin = new CouchDbAdmin(couchDb);
        database = couchDb.uniqueName("local");
        admin.createDatabaseWithMembers(database, List.of(FakeSessions.CREDENTIALS, FakeSessions.BOB_CREDENTIALS));
        proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(30), Map.of(ProxyTestBeans.DATABASES, database));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void sameLocalId_ofTwoUsers_isTwoDocuments_andEachSeesOnlyItsOwnUnderTheIdItAskedFor() throws Exception {
        HttpResponse<String> directWrite = admin.exchange("PUT", "/" + database + "/_local/direct-x",
                "{\"last_seq\":\"5\"}");
        RawResponse alicePut = send(FakeSessions.TOKEN, "PUT", "/_local/x",
                "{\"_id\":\"_local/x\",\"last_seq\":\"5\"}");
        assertThat(alicePut.status()).isEqualTo(directWrite.statusCode()).isEqualTo(201);
        assertThat(json(alicePut)).isEqualTo(withField(JSON.readTree(directWrite.body()), "id", "_local/x"));

        JsonNode stored = JSON.readTree(admin.get("/" + database + "/_local/alice%3Ax"));
        assertThat(stored.get("_id").asText()).isEqualTo("_local/alice:x");
        assertThat(stored.get("last_seq").asText()).isEqualTo("5");

        HttpResponse<String> directMissing = admin.exchange("GET", "/" + database + "/_local/never-written", null);
        RawResponse bobGet = send(FakeSessions.BOB_TOKEN, "GET", "/_local/x", null);
        assertThat(bobGet.status()).isEqualTo(directMissing.statusCode()).isEqualTo(404);
        assertThat(json(bobGet)).isEqualTo(JSON.readTree(directMissing.body()));

        HttpResponse<String> directHeadMissing = admin.exchange("HEAD", "/" + database + "/_local/never-written",
                null);
        assertThat(send(FakeSessions.BOB_TOKEN, "HEAD", "/_local/x", null).status())
                .isEqualTo(directHeadMissing.statusCode()).isEqualTo(404);
        RawResponse aliceHead = send(FakeSessions.TOKEN, "HEAD", "/_local/x", null);
        assertThat(aliceHead.status()).isEqualTo(200);
        assertThat(aliceHead.body()).isEmpty();

        RawResponse bobPut = send(FakeSessions.BOB_TOKEN, "PUT", "/_local/x", "{\"last_seq\":\"9\"}");
        assertThat(bobPut.status()).isEqualTo(201);
        assertThat(json(bobPut)).isEqualTo(withField(JSON.readTree(directWrite.body()), "id", "_local/x"));

        RawResponse aliceGet = send(FakeSessions.TOKEN, "GET", "/_local/x", null);
        assertThat(aliceGet.status()).isEqualTo(200);
        assertThat(json(aliceGet)).isEqualTo(withField(stored, "_id", "_local/x"));
        assertThat(json(aliceGet).get("last_seq").asText()).isEqualTo("5");
        RawResponse bobRead = send(FakeSessions.BOB_TOKEN, "GET", "/_local/x", null);
        JsonNode bobStored = JSON.readTree(admin.get("/" + database + "/_local/bob%3Ax"));
        assertThat(json(bobRead)).isEqualTo(withField(bobStored, "_id", "_local/x"));
        assertThat(bobStored.get("last_seq").asText()).isEqualTo("9");

        String rev = json(bobRead).get("_rev").asText();
        HttpResponse<String> directDelete = admin.exchange("DELETE", "/" + database + "/_local/direct-x?rev="
                + JSON.readTree(directWrite.body()).get("rev").asText(), null);
        RawResponse bobDelete = send(FakeSessions.BOB_TOKEN, "DELETE", "/_local/x?rev=" + rev, null);
        assertThat(bobDelete.status()).isEqualTo(directDelete.statusCode());
        assertThat(json(bobDelete)).isEqualTo(withField(JSON.readTree(directDelete.body()), "id", "_local/x"));
        assertThat(json(send(FakeSessions.TOKEN, "GET", "/_local/x", null))).isEqualTo(withField(stored, "_id",
                "_local/x"));
    }

    @Test
    void putBody_whoseIdNamesAnotherDocument_isRefused_andChangesNothing() throws Exception {
        send(FakeSessions.BOB_TOKEN, "PUT", "/_local/y", "{\"last_seq\":\"1\"}");
        String bobsBefore = admin.get("/" + database + "/_local/bob%3Ay");

        for (String id : List.of("_local/bob:y", "_local/y2", "y")) {
            RawResponse forged = send(FakeSessions.TOKEN, "PUT", "/_local/y",
                    "{\"_id\":\"" + id + "\",\"last_seq\":\"0\"}");
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.bodyText()).isEqualTo("{\"error\":\"bad_request\",\"reason\":\"The body is not JSON, or "
                    + "its _id names another document than the path.\"}");
        }
        RawResponse twice = send(FakeSessions.TOKEN, "PUT", "/_local/y",
                "{\"_id\":\"_local/y\",\"_id\":\"_local/bob:y\"}");
        assertThat(twice.status()).isEqualTo(400);

        assertThat(admin.get("/" + database + "/_local/bob%3Ay")).isEqualTo(bobsBefore);
        assertThat(admin.exchange("GET", "/" + database + "/_local/alice%3Ay", null).statusCode()).isEqualTo(404);
    }

    @Test
    void localDocsListing_andMalformedLocalPaths_areRefused() throws Exception {
        for (String path : List.of("/_local_docs", "/_local_docs?include_docs=true", "/%5Flocal_docs", "/_local",
                "/_local/", "/_local/x/att.txt", "/_local/a%2Fb", "/%5Flocal/x/", "/_local%2Fy", "/%5Flocal%2Fy")) {
            RawResponse response = send(FakeSessions.BOB_TOKEN, "GET", path, null);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.bodyText()).isEqualTo(
                    "{\"error\":\"forbidden\",\"reason\":\"This path cannot be reached through couchgate.\"}");
        }
    }

    @Test
    void encodedLocalId_isTheSameDocumentAsItsDecodedSpelling() throws Exception {
        RawResponse put = send(FakeSessions.TOKEN, "PUT", "/%5Flocal/sp%20ace%C3%A9", "{\"n\":1}");
        assertThat(put.status()).isEqualTo(201);
        assertThat(json(put).get("id").asText()).isEqualTo("_local/sp aceé");

        RawResponse get = send(FakeSessions.TOKEN, "GET", "/_local/sp%20ace%C3%A9", null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(json(get).get("_id").asText()).isEqualTo("_local/sp aceé");
        assertThat(JSON.readTree(admin.get("/" + database + "/_local/alice%3Asp%20ace%C3%A9")).get("n").asInt())
                .isEqualTo(1);
    }

    @Test
    void otherRoutes_namingALocalId_areRefused_andNeverTouchAnotherUsersLocalDoc() throws Exception {
        send(FakeSessions.BOB_TOKEN, "PUT", "/_local/z", "{\"last_seq\":\"7\"}");
        String bobsBefore = admin.get("/" + database + "/_local/bob%3Az");
        String refused = "{\"error\":\"bad_request\",\"reason\":\"" + DatabaseProxyFilter.LOCAL_ID_REFUSED + "\"}";
        List<String[]> attempts = List.of(
                new String[] {"POST", "/_bulk_docs", "{\"docs\":[{\"_id\":\"_local/bob:z\",\"last_seq\":\"0\"}]}"},
                new String[] {"POST", "/_bulk_docs", "{\"docs\":[{\"_id\":\"\\u005flocal/bob:z\"}]}"},
                new String[] {"POST", "/_bulk_docs?new_edits=false",
                    "{\"docs\":[{\"_id\":\"alice:ok\"}],\"docs\":[{\"_id\":\"_local/bob:z\"}]}"},
                new String[] {"POST", "/%5Fbulk_docs", "{\"docs\":[{\"_id\":\"_local/z\"}]}"},
                new String[] {"POST", "", "{\"_id\":\"_local/bob:z\",\"last_seq\":\"0\"}"},
                new String[] {"POST", "/", "{\"_id\":\"_local/bob:z\"}"},
                new String[] {"POST", "/_bulk_get", "{\"docs\":[{\"id\":\"_local/bob:z\"}]}"},
                new String[] {"POST", "/_all_docs?include_docs=true", "{\"keys\":[\"_local/bob:z\"]}"},
                new String[] {"POST", "/_all_docs/queries", "{\"queries\":[{\"keys\":[\"_local/bob:z\"]}]}"},
                new String[] {"POST", "/_bulk_docs", "{\"docs\":[{\"_id\":\"alice:ok\"}]"},
                new String[] {"GET", "/_all_docs?include_docs=true&keys=%5B%22_local%2Fbob%3Az%22%5D", null},
                new String[] {"GET", "/_all_docs?key=%22_local/bob:z%22", null},
                new String[] {"GET", "/_design_docs?keys=[%22_local/bob:z%22]", null});
        for (String[] attempt : attempts) {
            RawResponse response = send(FakeSessions.TOKEN, attempt[0], attempt[1], attempt[2]);
            assertThat(response.status()).as(attempt[1] + " " + attempt[2]).isEqualTo(400);
            assertThat(response.bodyText()).isEqualTo(refused);
        }

        RawResponse plainPut = send(FakeSessions.TOKEN, "PUT", "/alice%3Aplain", "{\"_id\":\"_local/bob:z\"}");
        assertThat(admin.get("/" + database + "/_local/bob%3Az")).as(plainPut.bodyText()).isEqualTo(bobsBefore);
        assertThat(admin.exchange("GET", "/" + database + "/_local/alice%3Az", null).statusCode()).isEqualTo(404);
    }

    @Test
    void bulkDocs_withoutLocalIds_stillWrite_andAnswerAsCouchDbDoes() throws Exception {
        RawResponse written = send(FakeSessions.TOKEN, "POST", "/_bulk_docs",
                "{\"docs\":[{\"_id\":\"alice:bulk\",\"owner\":\"alice\",\"note\":\"_local/x\"}]}");

        assertThat(written.status()).isEqualTo(201);
        JsonNode row = json(written).get(0);
        assertThat(row.get("id").asText()).isEqualTo("alice:bulk");
        JsonNode stored = JSON.readTree(admin.get("/" + database + "/alice%3Abulk"));
        assertThat(row.get("rev").asText()).isEqualTo(stored.get("_rev").asText());
        assertThat(stored.get("note").asText()).isEqualTo("_local/x");
        RawResponse read = send(FakeSessions.TOKEN, "POST", "/_all_docs", "{\"keys\":[\"alice:bulk\"]}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(json(read).get("rows").get(0).get("id").asText()).isEqualTo("alice:bulk");
    }

    private static RawResponse send(String token, String method, String path, String body) throws Exception {
        List<String> headers = new java.util.ArrayList<>(body == null ? List.of() : JSON_TYPE);
        headers.add("Authorization: Bearer " + token);
        return proxy.send(method, "/database/" + database + path, headers, body);
    }

    private static JsonNode json(RawResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode withField(JsonNode node, String field, String value) {
        ObjectNode copy = node.deepCopy();
        copy.put(field, value);
        return copy;
    }
}
