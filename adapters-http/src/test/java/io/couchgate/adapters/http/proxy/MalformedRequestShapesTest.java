package io.couchgate.adapters.http.proxy;

import static io.couchgate.adapters.http.proxy.RequestHeadLimitsTest.assertOneAnswerThenClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that couchgate's HTTP layer refuses before any route sees them get couchgate's own answer in the style of
 * their path: CouchDB's {@code {"error","reason"}} under {@code /database}, RFC 9457 under {@code /api}. A request
 * whose framing cannot be trusted (two different {@code Content-Length} values, RFC 9112 section 6.3) is answered
 * once, and the connection closes.
 */
class MalformedRequestShapesTest extends ProxyOverStub {

    static final String COUCH_BAD_REQUEST = "{\"error\":\"bad_request\",\"reason\":\"The request cannot be parsed.\"}";
    static final String PROBLEM_BAD_REQUEST = "{\"type\":\"/problems/malformed-request\","
            + "\"title\":\"Malformed request\",\"status\":400,\"detail\":\"the request cannot be parsed\"}";
    private static final String AUTHORIZATION = "Authorization: Bearer " + FakeSessions.TOKEN + "\r\n";
    private static final String SMUGGLED = "GET /database/posts/smuggled HTTP/1.1\r\nHost: localhost\r\n"
            + AUTHORIZATION + "\r\n";

    @Test
    void twoDifferentContentLengths_underDatabase_getCouchDbStyle400_thenTheConnectionCloses() throws IOException {
        String request = "PUT /database/posts/alice:doc HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Content-Type: application/json\r\nContent-Length: 17\r\nContent-Length: 2\r\n\r\n"
                + "{\"owner\":\"alice\"}" + SMUGGLED;

        assertOneAnswerThenClose(request, 400, "application/json", COUCH_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void twoDifferentContentLengths_underApi_getAProblem400_thenTheConnectionCloses() throws IOException {
        String body = "{\"username\":\"carol\",\"password\":\"violet-Tundra-93-quill-harbor\"}";
        String request = "PUT /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nContent-Length: " + body.length() + "\r\n\r\n" + body + SMUGGLED;

        assertOneAnswerThenClose(request, 400, "application/problem+json", PROBLEM_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/database/posts\\..\\_users", "/database/posts/alice:a\\b"})
    void backslashInThePath_underDatabase_getsCouchDbStyle400_andNeverReachesCouchDb(String target)
            throws IOException {
        RawResponse response = proxy.sendAuthenticated("GET", target, List.of(), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).containsExactly("application/json");
        assertThat(response.bodyText()).isEqualTo(COUCH_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/database/posts/_changes?since=\"now\"&x=%zz", "/database/posts/_changes?since=\"now\"\\",
        "/database/posts/_local/x?rev=\"1\"&x=%zz", "/database/posts/_local/x?rev=\"1\"\\"})
    void rawQuoteBesideAnUnparseableQuery_onAPathTheRelayDoesNotTake_getsCouchDbStyle400(String target)
            throws IOException {
        RawResponse response = proxy.sendAuthenticated("GET", target, List.of(), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).containsExactly("application/json");
        assertThat(response.bodyText()).isEqualTo(COUCH_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void backslashInThePath_underApi_getsAProblem400() throws IOException {
        RawResponse response = proxy.send("GET", "/api/sessions\\current", List.of(), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).containsExactly("application/problem+json");
        assertThat(response.bodyText()).isEqualTo(PROBLEM_BAD_REQUEST);
    }

    @Test
    void requestLineTooLong_elsewhere_getsANeutralJson414_withoutAnyTrace() throws IOException {
        String request = "GET /nope/" + "n".repeat(17 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";

        assertOneAnswerThenClose(request, 414, "application/json",
                "{\"status\":414,\"message\":\"Request-URI Too Long\"}");
    }

    /**
     * A refused head pipelined behind a request still being answered: the answers keep their order (RFC 9112
     * section 9.3.2), then the connection closes. Where the refused head began in the same read as the request
     * before it, its path is not known, so only the status is asserted.
     */
    @Test
    void refusedHead_pipelinedBehindAForwardedRequest_isAnsweredAfterIt_thenTheConnectionCloses() throws IOException {
        String first = "GET /database/posts/alice:first HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION + "\r\n";
        String second = "GET /database/posts/alice:" + "d".repeat(17 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n"
                + AUTHORIZATION + "\r\n";
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.sendRaw((first + second + SMUGGLED).getBytes(java.nio.charset.StandardCharsets.UTF_8));

            RawResponse forwarded = client.readHead();
            assertThat(forwarded.status()).isEqualTo(200);
            assertThat(client.readBody(forwarded)).asString(java.nio.charset.StandardCharsets.UTF_8)
                    .isEqualTo("{\"ok\":true}\n");
            RawResponse refused = client.readHead();
            assertThat(refused.status()).isEqualTo(414);
            assertThat(refused.header("connection")).containsExactly("close");
            client.readBody(refused);
            assertThat(client.closedByServer()).as("nothing after the refusal").isTrue();
        }
        assertThat(couchDb.requests()).extracting(RecordedRequest::rawTarget).containsExactly("/posts/alice:first");
    }
}
