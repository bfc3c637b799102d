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
    static final String PROBLEM_BAD_REQUEST = "{\"type\":\"https://couchgate.io/problems/malformed-request\","
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
}
