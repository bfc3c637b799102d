package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * CouchDB as couchgate's own admin (name and password from a data folder's secrets file), bypassing couchgate: what
 * the end-to-end tests read from, and write to, {@code _users} and the durable session store behind its back.
 */
final class CouchAdmin {

    /** Database of the durable session mode ({@code couchgate.sessions.database}'s default). */
    static final String SESSIONS_DB = "couchgate_sessions";

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI couch;
    private final String basic;

    /**
     * @param couch the CouchDB
     * @param dataDir a data folder after couchgate's first start on that CouchDB
     */
    CouchAdmin(URI couch, Path dataDir) {
        this.couch = couch;
        this.basic = basic(SecretsFile.value(dataDir, "admin.name"), SecretsFile.value(dataDir, "admin.password"));
    }

    /** @return {@code body} parsed (objects as maps, arrays as lists) */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        try {
            return JSON.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code value} as JSON text */
    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code Basic <base64(name:password)>} */
    static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * CouchDB's answer to {@code GET /_session}.
     *
     * @param status its status
     * @param name {@code userCtx.name} of a 200 (null for anonymous), null for any other status
     */
    record SessionAnswer(int status, String name) {
    }

    /**
     * @param couch the CouchDB
     * @param authorization an {@code Authorization} header value
     * @return what CouchDB answers {@code GET /_session} with that header
     */
    @SuppressWarnings("unchecked")
    static SessionAnswer session(URI couch, String authorization) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(couch + "/_session"))
                .header("Authorization", authorization).header("Accept", "application/json").build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return new SessionAnswer(answer.statusCode(), null);
        }
        Map<String, Object> userCtx = (Map<String, Object>) json(answer.body()).get("userCtx");
        return new SessionAnswer(200, (String) userCtx.get("name"));
    }

    /** @return this admin's {@code Authorization} header value */
    String authorization() {
        return basic;
    }

    /**
     * @param method HTTP method
     * @param path path and query on CouchDB, already encoded
     * @param jsonBody JSON body or null
     * @return CouchDB's answer
     */
    HttpResponse<String> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(couch + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic).header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the whole text of {@code GET /couchgate_sessions/_all_docs?include_docs=true} (asserted 200) */
    String sessionDocsRaw() throws IOException, InterruptedException {
        HttpResponse<String> all = send("GET", "/" + SESSIONS_DB + "/_all_docs?include_docs=true", null);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        return all.body();
    }

    /** @return every document of the session store whose {@code type} is {@code session} */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sessionDocs() throws IOException, InterruptedException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object row : (List<Object>) json(sessionDocsRaw()).get("rows")) {
            Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) row).get("doc");
            if (doc != null && "session".equals(doc.get("type"))) {
                docs.add(doc);
            }
        }
        return docs;
    }

    /**
     * @param deploymentId the durable deployment
     * @return the names (without {@code org.couchdb.user:}) of the {@code _users} docs starting with
     *         {@code users/<deploymentId>/}
     */
    @SuppressWarnings("unchecked")
    List<String> sessionUserNames(String deploymentId) throws IOException, InterruptedException {
        String prefix = "org.couchdb.user:users/" + deploymentId + "/";
        HttpResponse<String> all = send("GET", "/_users/_all_docs?startkey=" + encode("\"" + prefix + "\"")
                + "&endkey=" + encode("\"" + prefix + "\ufff0\""), null);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (Object row : (List<Object>) json(all.body()).get("rows")) {
            names.add(((String) ((Map<String, Object>) row).get("id")).substring("org.couchdb.user:".length()));
        }
        return names;
    }

    /** @return the {@code _users} doc of a CouchDB user (asserted 200) */
    Map<String, Object> user(String name) throws IOException, InterruptedException {
        HttpResponse<String> doc = send("GET", "/_users/" + encode("org.couchdb.user:" + name), null);
        assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
        return json(doc.body());
    }

    /** Deletes a CouchDB user's {@code _users} doc directly (asserted 200). */
    void deleteUser(String name) throws IOException, InterruptedException {
        String rev = (String) user(name).get("_rev");
        HttpResponse<String> deleted = send("DELETE", "/_users/" + encode("org.couchdb.user:" + name) + "?rev="
                + encode(rev), null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    }

    /** Writes documents with {@code POST /<db>/_bulk_docs}; asserts 201 and no per-document error. */
    void bulkDocs(String db, List<Map<String, Object>> docs) throws IOException, InterruptedException {
        HttpResponse<String> written = send("POST", "/" + db + "/_bulk_docs", toJson(Map.of("docs", docs)));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        assertThat(written.body()).doesNotContain("\"error\"");
    }

    /** @return {@code text} percent-encoded for a path segment or a query value */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
