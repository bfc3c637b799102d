package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips through the proxy to a real CouchDB-compatible server, compared with the server's direct answers. The
 * database has no validator here; the docs still look like app docs under {@code owner-write} ({@code _id}
 * {@code <username>:...}, {@code owner}) of the fake session's user {@code alice}.
 */
@ExtendWith(CouchDbExtension.class)
class DatabaseProxyCouchDbTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CouchDbAdmin admin;
    private static ProxyUnderTest proxy;
    private static String database;

    @BeforeAll
    static void start(CouchDbServer couchDb) throws Exception {
        admin = new CouchDbAdmin(couchDb);
        database = couchDb.uniqueName("proxy");
        admin.createDatabaseWithMember(database, FakeSessions.CREDENTIALS);
        proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(30),
                Map.of(ProxyTestBeans.DATABASES, database));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice:a/b", "alice:x+y", "alice:with space", "alice:é✓", "alice:100%"})
    void docWithAnAwkwardId_survivesCreateReadDelete_throughTheProxy(String id) throws Exception {
        String path = "/" + database + "/" + encodeComponent(id);
        RawResponse created = proxy.sendAuthenticated("PUT", "/database" + path,
                List.of("Content-Type: application/json"), "{\"owner\":\"alice\",\"title\":\"" + id + "\"}");
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        String rev = JSON.readTree(created.body()).get("rev").asText();

        RawResponse read = proxy.sendAuthenticated("GET", "/database" + path, List.of(), null);
        assertThat(read.status()).isEqualTo(200);
        JsonNode doc = JSON.readTree(read.body());
        assertThat(doc.get("_id").asText()).isEqualTo(id);
        assertThat(doc.get("title").asText()).isEqualTo(id);
        assertThat(doc).isEqualTo(JSON.readTree(admin.get(path)));

        RawResponse deleted = proxy.sendAuthenticated("DELETE", "/database" + path + "?rev=" + rev, List.of(), null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(proxy.sendAuthenticated("GET", "/database" + path, List.of(), null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/_users/_all_docs", "/_all_dbs", "/_session"})
    void serverAdminPath_isRefused_evenThoughCouchDbIsUp(String path) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database" + path, List.of(), null);

        assertThat(response.status()).isEqualTo(403);
    }

    /**
     * The built-in {@code _design} filter (docs.couchdb.org api/database/changes.html#design) runs no design-document
     * code: couchgate forwards it, and its answer is the server's own. CouchDB 3 answers 200 with only the design
     * document's change; PouchDB Server 4.2.0 (the dev server) lacks this filter and answers 404 {@code not_found}
     * (it looks for a design document named {@code _design}), which couchgate passes on just the same.
     */
    @Test
    void changesWithTheBuiltInDesignFilter_isForwarded_andAnsweredAsDirectly(CouchDbServer couchDb) throws Exception {
        assertThat(admin.exchange("PUT", "/" + database + "/_design/app", "{\"views\":{}}").statusCode())
                .isEqualTo(201);
        assertThat(admin.exchange("PUT", "/" + database + "/alice:plain", "{\"owner\":\"alice\"}").statusCode())
                .isEqualTo(201);
        String target = "/" + database + "/_changes?filter=_design";

        RawResponse proxied = proxy.sendAuthenticated("GET", "/database" + target, List.of(), null);

        HttpResponse<String> direct = admin.exchange("GET", target, null);
        assertThat(proxied.status()).as(proxied.bodyText()).isEqualTo(direct.statusCode());
        assertThat(JSON.readTree(proxied.body())).isEqualTo(JSON.readTree(direct.body()));
        if (CouchDbExtension.SOURCE_DEV_SERVER.equals(couchDb.source())) {
            assertThat(direct.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(direct.body()).get("error").asText()).isEqualTo("not_found");
        } else {
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(direct.body()).get("results").findValuesAsText("id"))
                    .containsExactly("_design/app");
        }
    }

    /** encodeURIComponent, as PouchDB encodes a doc id: space as %20, never +. */
    private static String encodeComponent(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
