package io.couchgate.adapters.http.proxy;

import static io.couchgate.adapters.http.proxy.RequestHeadLimitsTest.assertOneAnswerThenClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request whose framing is ambiguous, with both {@code Content-Length} and {@code Transfer-Encoding} (RFC 9112,
 * section 6.1: a server may reject it, and must close the connection after answering). Netty 4.2's codec refuses it
 * ({@code io.netty.handler.codec.http.rfc9112TransferEncoding}, on by default: {@code ContentLengthNotAllowedException};
 * {@code Transfer-Encoding} in HTTP/1.0 likewise) and couchgate's connection layer answers 400 with
 * {@code Connection: close}, then closes: the bytes after it are never read as a second request, and under
 * {@code /database} CouchDB is never asked. The 400's body has the path's style: CouchDB's {@code bad_request} under
 * {@code /database}, RFC 9457 under {@code /api}.
 */
class AmbiguousFramingTest extends ProxyOverStub {

    private static final String CREDENTIALS = "{\"username\":\"carol\",\"password\":\"violet-Tundra-93-quill-harbor\"}";
    private static final String AUTHORIZATION = "Authorization: Bearer " + FakeSessions.TOKEN + "\r\n";
    /** What a front end that framed by {@code Content-Length} would take for the start of a second request. */
    private static final String SMUGGLED = "GET /database/posts/smuggled HTTP/1.1\r\nHost: localhost\r\n"
            + AUTHORIZATION + "\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 4\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 4", "Content-Length: 4\r\nTransfer-Encoding: Chunked",
        "Content-Length: 0\r\nTransfer-Encoding: chunked", "Content-Length: 4\r\nTransfer-Encoding: identity, chunked",
        "Content-Length: 4\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: x"})
    void bothHeadersUnderApi_oneAnswer_thenTheConnectionCloses(String framing) throws IOException {
        String request = "PUT /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + framing + "\r\n\r\n" + chunked(CREDENTIALS) + SMUGGLED;

        assertOneAnswerThenClose(request, 400, "application/problem+json",
                MalformedRequestShapesTest.PROBLEM_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 3\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 3"})
    void bothHeadersUnderDatabase_oneAnswer_thenTheConnectionCloses_andCouchDbIsNeverAsked(String framing)
            throws IOException {
        String request = "PUT /database/posts/alice:doc HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Content-Type: application/json\r\n" + framing + "\r\n\r\n" + chunked("{\"owner\":\"alice\"}")
                + SMUGGLED;

        assertOneAnswerThenClose(request, 400, "application/json", MalformedRequestShapesTest.COUCH_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void transferEncodingInHttp10_evenWithKeepAlive_oneAnswer_thenTheConnectionCloses() throws IOException {
        String request = "PUT /database/posts/alice:doc HTTP/1.0\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Connection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunked("{\"owner\":\"alice\"}") + SMUGGLED;

        assertOneAnswerThenClose(request, 400, "application/json", MalformedRequestShapesTest.COUCH_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    /**
     * The chunked body alone: the connection stays open and the next request on it is answered (sent after the first
     * answer, since pipelined requests may be handled in either order).
     */
    @Test
    void chunkedOnly_keepsTheConnection_andTheNextRequestIsAnswered() throws IOException {
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.sendRaw(bytes("PUT /database/posts/alice:doc HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunked("{\"owner\":\"alice\"}")));
            RawResponse first = client.readHead();
            assertThat(client.readBody(first)).asString(StandardCharsets.UTF_8).isEqualTo("{\"ok\":true}\n");
            client.sendRaw(bytes(SMUGGLED));
            RawResponse second = client.readHead();
            assertThat(client.readBody(second)).asString(StandardCharsets.UTF_8).isEqualTo("{\"ok\":true}\n");
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
        }
        assertThat(couchDb.requests()).extracting(RecordedRequest::rawTarget)
                .containsExactly("/posts/alice:doc", "/posts/smuggled");
        assertThat(couchDb.requests().get(0).body()).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"owner\":\"alice\"}");
    }

    /**
     * What the tests above rest on: a Netty whose decoders refuse such framing. With it off (an older Netty, or the
     * system property set to false) Netty would instead drop {@code Content-Length}, decode by the chunked body and
     * mark the request {@code Connection: close}; these tests would then need their expectations revisited.
     */
    @Test
    void nettysRfc9112TransferEncodingCheck_isOn() {
        assertThat(new io.netty.handler.codec.http.HttpDecoderConfig().isUseRfc9112TransferEncoding()).isTrue();
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
