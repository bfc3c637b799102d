package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #11 against the harness's server: through couchgate, a document and an attachment carry the framing the
 * server gives the session's CouchDB user directly, and a query with raw double quotes gets the server's own answer,
 * also where the relay does not take the request ({@code _changes} and {@code _local} go through Micronaut).
 * Every proxied answer is compared with the same server's direct answer to the same request.
 */
@ExtendWith(CouchDbExtension.class)
class DatabaseRelayCouchDbTest {

    private static final String MEMBER = "Authorization: Basic " + Base64.getEncoder().encodeToString(
            (FakeSessions.CREDENTIALS.name() + ":" + FakeSessions.CREDENTIALS.password())
                    .getBytes(StandardCharsets.UTF_8));

    private static ProxyUnderTest proxy;
    private static String database;
    private static int couchDbPort;

    @BeforeAll
    static void start(CouchDbServer couchDb) throws Exception {
        CouchDbAdmin admin = new CouchDbAdmin(couchDb);
        database = couchDb.uniqueName("relay");
        admin.createDatabaseWithMember(database, FakeSessions.CREDENTIALS);
        byte[] attachment = new byte[200_000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31);
        }
        assertThat(admin.exchange("PUT", "/" + database + "/alice:a", "{\"owner\":\"alice\",\"_attachments\":"
                + "{\"photo.bin\":{\"content_type\":\"application/octet-stream\",\"data\":\""
                + Base64.getEncoder().encodeToString(attachment) + "\"}}}").statusCode()).isEqualTo(201);
        assertThat(admin.exchange("PUT", "/" + database + "/alice:b", "{\"owner\":\"alice\"}").statusCode())
                .isEqualTo(201);
        assertThat(admin.exchange("PUT", "/" + database + "/alice:c", "{\"owner\":\"alice\"}").statusCode())
                .isEqualTo(201);
        couchDbPort = couchDb.url().getPort();
        proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(30), Map.of(ProxyTestBeans.DATABASES, database));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void docGet_hasTheFramingOfTheDirectAnswer() throws Exception {
        assertSameFraming("GET", "/" + database + "/alice:b");
    }

    @Test
    void attachmentGet_hasTheFramingOfTheDirectAnswer() throws Exception {
        RawResponse proxied = assertSameFraming("GET", "/" + database + "/alice:a/photo.bin");

        assertThat(proxied.body()).hasSize(200_000);
    }

    @Test
    void docHead_hasTheHeadersOfTheDirectAnswer() throws Exception {
        assertSameFraming("HEAD", "/" + database + "/alice:b");
    }

    @Test
    void allDocsWithRawDoubleQuotes_getsTheServersOwnAnswer() throws Exception {
        String target = "/" + database + "/_all_docs?startkey=\"alice:a\"&endkey=\"alice:b\"";

        RawResponse proxied = proxy.sendAuthenticated("GET", "/database" + target, List.of(), null);
        RawResponse direct = RawHttpClient.exchange(couchDbPort, "GET", target, List.of(MEMBER), null);

        assertThat(proxied.status()).as(proxied.bodyText()).isEqualTo(direct.status()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(proxied.body())).isEqualTo(json.readTree(direct.body()));
        assertThat(json.readTree(proxied.body()).get("rows").findValuesAsText("id"))
                .containsExactly("alice:a", "alice:b");
    }

    @Test
    void changesSinceWithRawDoubleQuotes_getsTheServersOwnAnswer() throws Exception {
        RawResponse proxied = assertSameJsonAnswer("/" + database + "/_changes?since=\"now\"");

        assertThat(new ObjectMapper().readTree(proxied.body()).get("results")).isEmpty();
    }

    @Test
    void changesWithRawBracketsAndQuotesInDocIds_getsTheServersOwnAnswer() throws Exception {
        RawResponse proxied = assertSameJsonAnswer("/" + database
                + "/_changes?doc_ids=[\"alice:b\",\"alice:c\"]&filter=_doc_ids");

        assertThat(new ObjectMapper().readTree(proxied.body()).get("results").findValuesAsText("id"))
                .containsExactlyInAnyOrder("alice:b", "alice:c");
    }

    @Test
    void changesWithRawBracesAndBar_getsTheServersOwnAnswer() throws Exception {
        assertSameJsonAnswer("/" + database + "/_changes?doc_ids={|}&filter=_doc_ids");
    }

    @Test
    void localDocWithRawDoubleQuotesInItsQuery_getsTheServersOwnAnswer() throws Exception {
        assertSameJsonAnswer("/" + database + "/_local/nowhere?rev=\"1\"");
    }

    /** The proxied answer to {@code target} has the direct answer's status and JSON body; neither is a 5xx. */
    private static RawResponse assertSameJsonAnswer(String target) throws Exception {
        RawResponse proxied = proxy.sendAuthenticated("GET", "/database" + target, List.of(), null);
        RawResponse direct = RawHttpClient.exchange(couchDbPort, "GET", target, List.of(MEMBER), null);

        assertThat(proxied.status()).as(proxied.bodyText()).isEqualTo(direct.status()).isLessThan(500);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(proxied.body())).as(proxied.bodyText()).isEqualTo(json.readTree(direct.body()));
        return proxied;
    }

    private static RawResponse assertSameFraming(String method, String target) throws Exception {
        RawResponse proxied = proxy.sendAuthenticated(method, "/database" + target, List.of(), null);
        RawResponse direct = RawHttpClient.exchange(couchDbPort, method, target, List.of(MEMBER), null);

        assertThat(proxied.status()).isEqualTo(direct.status()).isEqualTo(200);
        assertThat(proxied.header("content-length")).isEqualTo(direct.header("content-length"));
        assertThat(proxied.header("transfer-encoding")).isEqualTo(direct.header("transfer-encoding"));
        assertThat(proxied.body()).isEqualTo(direct.body());
        return proxied;
    }
}
