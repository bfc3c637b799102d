package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #11 on Micronaut's path ({@code _changes}, {@code _local}, bodies that are checked): the query reaches
 * CouchDB byte for byte, raw {@code "}, {@code [}, {@code ]}, {@code {}, {@code }} and {@code |} included, and
 * the internal marker that carries it ({@link RawQueryMarker#HEADER}) neither comes from the client nor goes to
 * CouchDB. Against {@link RawTargetStub}, which records the request targets as they arrive.
 */
class DatabaseProxyRawQueryTest {

    private static RawTargetStub couchDb;
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void startStubAndProxy() throws Exception {
        couchDb = new RawTargetStub();
        proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopProxyAndStub() {
        proxy.close();
        couchDb.close();
    }

    @BeforeEach
    void resetStub() {
        couchDb.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"since=\"now\"", "doc_ids=[\"a\",\"b\"]&filter=_doc_ids", "since=\"now\"&doc_ids={|}",
        "since=%22now%22&doc_ids=[\"a\"]", "doc_ids=%5B%22a%22%5D&feed=normal", "x=%7C|&y=\"%22\""})
    void changesQuery_goesUpstreamByteForByte(String query) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/_changes?" + query, List.of(), null);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        RecordedRequest upstream = couchDb.onlyRequest();
        assertThat(upstream.rawTarget()).isEqualTo("/posts/_changes?" + query);
        assertThat(upstream.header(RawQueryMarker.HEADER)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rev=\"1-a\"", "x=[{|}]&rev=%221-a%22"})
    void localDocumentQuery_goesUpstreamByteForByte(String query) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/_local/x?" + query, List.of(), null);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        RecordedRequest upstream = couchDb.onlyRequest();
        assertThat(upstream.rawTarget()).isEqualTo("/posts/_local/alice%3Ax?" + query);
        assertThat(upstream.header(RawQueryMarker.HEADER)).isEmpty();
    }

    @Test
    void checkedBodyRequestQuery_goesUpstreamByteForByte() throws Exception {
        RawResponse response = proxy.sendAuthenticated("POST", "/database/posts/_all_docs?startkey=\"a\"&x=[|]",
                List.of("Content-Type: application/json"), "{\"keys\":[\"a\"]}");

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        RecordedRequest upstream = couchDb.onlyRequest();
        assertThat(upstream.rawTarget()).isEqualTo("/posts/_all_docs?startkey=\"a\"&x=[|]");
        assertThat(upstream.bodyText()).isEqualTo("{\"keys\":[\"a\"]}");
        assertThat(upstream.header(RawQueryMarker.HEADER)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"since=0", "since=\"now\"", "since=%22now%22", ""})
    void markerSentByTheClient_isStrippedAndChangesNothing(String marker) throws Exception {
        RawResponse encoded = proxy.sendAuthenticated("GET", "/database/posts/_changes?since=%22now%22",
                List.of(RawQueryMarker.HEADER + ": " + marker), null);
        RawResponse raw = proxy.sendAuthenticated("GET", "/database/posts/_local/x?since=\"now\"",
                List.of(RawQueryMarker.HEADER + ": " + marker), null);

        assertThat(encoded.status()).isEqualTo(200);
        assertThat(raw.status()).isEqualTo(200);
        List<RecordedRequest> upstream = couchDb.requests();
        assertThat(upstream).extracting(RecordedRequest::rawTarget)
                .containsExactly("/posts/_changes?since=%22now%22", "/posts/_local/alice%3Ax?since=\"now\"");
        assertThat(upstream).allSatisfy(request -> assertThat(request.header(RawQueryMarker.HEADER)).isEmpty());
    }

    @Test
    void relayedRequestWithAClientSentMarker_goesUpstreamWithoutIt() throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc?rev=%221-a%22",
                List.of(RawQueryMarker.HEADER + ": rev=\"1-a\""), null);

        assertThat(response.status()).isEqualTo(200);
        RecordedRequest upstream = couchDb.onlyRequest();
        assertThat(upstream.rawTarget()).isEqualTo("/posts/doc?rev=%221-a%22");
        assertThat(upstream.header(RawQueryMarker.HEADER)).isEmpty();
    }
}
