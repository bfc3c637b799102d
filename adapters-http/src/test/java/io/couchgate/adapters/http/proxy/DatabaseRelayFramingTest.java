package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, "Framing": the relay keeps CouchDB's framing. Each answer through couchgate is compared with the stub's
 * direct answer to the same request.
 */
class DatabaseRelayFramingTest extends ProxyOverStub {

    private static final byte[] DOC = "{\"_id\":\"alice:a\",\"_rev\":\"1-a\",\"owner\":\"alice\"}\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void docGet_carriesCouchDbsContentLength_notChunked() throws Exception {
        couchDb.answerWith(exchange -> fixedLength(exchange, "application/json", DOC));

        RawResponse proxied = proxy.sendAuthenticated("GET", "/database/posts/alice:a", List.of(), null);
        RawResponse direct = RawHttpClient.exchange(couchDb.url().getPort(), "GET", "/posts/alice:a", List.of(), null);

        assertThat(direct.header("content-length")).containsExactly(String.valueOf(DOC.length));
        assertThat(proxied.status()).isEqualTo(direct.status());
        assertThat(proxied.header("content-length")).isEqualTo(direct.header("content-length"));
        assertThat(proxied.header("transfer-encoding")).isEmpty();
        assertThat(proxied.body()).isEqualTo(direct.body());
    }

    @Test
    void attachmentGet_carriesCouchDbsContentLength() throws Exception {
        byte[] attachment = new byte[300_000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) i;
        }
        couchDb.answerWith(exchange -> fixedLength(exchange, "application/octet-stream", attachment));

        RawResponse proxied = proxy.sendAuthenticated("GET", "/database/posts/alice:a/photo.bin", List.of(), null);
        RawResponse direct = RawHttpClient.exchange(couchDb.url().getPort(), "GET", "/posts/alice:a/photo.bin",
                List.of(), null);

        assertThat(proxied.status()).isEqualTo(200);
        assertThat(proxied.header("content-length")).containsExactly(String.valueOf(attachment.length))
                .isEqualTo(direct.header("content-length"));
        assertThat(proxied.header("transfer-encoding")).isEmpty();
        assertThat(proxied.body()).isEqualTo(attachment);
    }

    @Test
    void chunkedAnswer_staysChunked() throws Exception {
        couchDb.answerWith(DatabaseRelayFramingTest::chunked);

        RawResponse proxied = proxy.sendAuthenticated("GET", "/database/posts/alice:a", List.of(), null);
        RawResponse direct = RawHttpClient.exchange(couchDb.url().getPort(), "GET", "/posts/alice:a", List.of(), null);

        assertThat(direct.header("transfer-encoding")).containsExactly("chunked");
        assertThat(proxied.header("transfer-encoding")).isEqualTo(direct.header("transfer-encoding"));
        assertThat(proxied.header("content-length")).isEmpty();
        assertThat(proxied.body()).isEqualTo(direct.body()).isEqualTo(DOC);
    }

    @Test
    void head_carriesTheHeadersOfGet() throws Exception {
        couchDb.answerWith(exchange -> fixedLength(exchange, "application/json", DOC));

        RawResponse get = proxy.sendAuthenticated("GET", "/database/posts/alice:a", List.of(), null);
        RawResponse head = proxy.sendAuthenticated("HEAD", "/database/posts/alice:a", List.of(), null);

        assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
        for (String name : List.of("content-length", "transfer-encoding", "content-type", "etag")) {
            assertThat(head.header(name)).as(name).isEqualTo(get.header(name));
        }
        assertThat(get.header("content-length")).containsExactly(String.valueOf(DOC.length));
    }

    @Test
    void http10Get_ofAFixedLengthAnswer_getsTheLength() throws Exception {
        couchDb.answerWith(exchange -> fixedLength(exchange, "application/json", DOC));

        RawResponse proxied = http10Get(proxy.port(), "/database/posts/alice:a");

        assertThat(proxied.status()).isEqualTo(200);
        assertThat(proxied.header("transfer-encoding")).isEmpty();
        assertThat(proxied.header("content-length")).containsExactly(String.valueOf(DOC.length));
        assertThat(proxied.body()).isEqualTo(DOC);
    }

    @Test
    void http10Get_ofAChunkedAnswer_getsABodyThatEndsWithTheConnection() throws Exception {
        couchDb.answerWith(DatabaseRelayFramingTest::chunked);

        RawResponse proxied = http10Get(proxy.port(), "/database/posts/alice:a");

        assertThat(proxied.status()).isEqualTo(200);
        assertThat(proxied.header("transfer-encoding")).isEmpty();
        assertThat(proxied.header("content-length")).isEmpty();
        assertThat(proxied.body()).isEqualTo(DOC);
    }

    /** Sends an HTTP/1.0 GET with the session token and reads the answer to the end of the connection. */
    private static RawResponse http10Get(int port, String target) throws IOException {
        try (RawHttpClient client = new RawHttpClient(port)) {
            client.sendRaw(("GET " + target + " HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer "
                    + FakeSessions.TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawResponse head = client.readHead();
            return new RawResponse(head.status(), head.headers(), client.input().readAllBytes());
        }
    }

    private static void fixedLength(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("ETag", "\"1-a\"");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static void chunked(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(DOC, 0, 10);
        out.flush();
        out.write(DOC, 10, DOC.length - 10);
        exchange.close();
    }
}
