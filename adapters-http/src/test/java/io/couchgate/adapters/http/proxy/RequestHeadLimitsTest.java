package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * couchgate's own limits on a request head are above CouchDB's (a request line of about 8 KiB, measured on CouchDB
 * 3.4.3), so that CouchDB, not couchgate, decides what is too long: a request line up to 16 KiB and headers up to
 * 64 KiB pass. Past them couchgate answers itself, once, in the style of the path (CouchDB's {@code too_long} under
 * {@code /database}, RFC 9457 under {@code /api}; RFC 9110 section 15.5.15 and RFC 6585 section 5), and closes the
 * connection: the rest of the bytes cannot be trusted.
 */
class RequestHeadLimitsTest extends ProxyOverStub {

    static final String COUCH_URI_TOO_LONG = "{\"error\":\"too_long\",\"reason\":\"the request uri is too long\"}";
    static final String COUCH_HEADERS_TOO_LARGE =
            "{\"error\":\"headers_too_large\",\"reason\":\"the request headers are too large\"}";
    static final String PROBLEM_URI_TOO_LONG = "{\"type\":\"/problems/uri-too-long\","
            + "\"title\":\"URI too long\",\"status\":414,\"detail\":\"the request line is too long\"}";
    static final String PROBLEM_HEADERS_TOO_LARGE = "{\"type\":\"/problems/headers-too-large\","
            + "\"title\":\"Request headers too large\",\"status\":431,"
            + "\"detail\":\"the request headers are too large\"}";
    private static final String AUTHORIZATION = "Authorization: Bearer " + FakeSessions.TOKEN;
    private static final String SMUGGLED = "GET /database/posts/smuggled HTTP/1.1\r\nHost: localhost\r\n"
            + AUTHORIZATION + "\r\n\r\n";

    @Test
    void docIdOf12KiB_isForwarded_andAnsweredAsCouchDbAnswers() throws IOException {
        String target = "/posts/alice:" + "d".repeat(12 * 1024);

        RawResponse response = proxy.sendAuthenticated("GET", "/database" + target, List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}\n");
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo(target);
    }

    @Test
    void keysQueryOf12KiB_isForwardedByteForByte_andAnsweredAsCouchDbAnswers() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() * 20 < 12 * 1024; i++) {
            keys.add("%22alice%3Anote-" + String.format("%04d", i) + "%22");
        }
        String target = "/posts/_all_docs?include_docs=true&keys=%5B" + String.join(",", keys) + "%5D";
        assertThat(target.length()).isGreaterThan(12 * 1024).isLessThan(16 * 1024 - 100);
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 200, "{\"total_rows\":0,\"rows\":[]}\n"));

        RawResponse response = proxy.sendAuthenticated("GET", "/database" + target, List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"total_rows\":0,\"rows\":[]}\n");
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo(target);
    }

    @Test
    void requestLineOf17KiB_underDatabase_getsCouchDbs414_thenTheConnectionCloses() throws IOException {
        String request = "GET /database/posts/alice:" + "d".repeat(17 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n"
                + AUTHORIZATION + "\r\n\r\n" + SMUGGLED;

        assertOneAnswerThenClose(request, 414, "application/json", COUCH_URI_TOO_LONG);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void requestLineOf17KiB_underApi_getsAProblem414_thenTheConnectionCloses() throws IOException {
        String request = "GET /api/sessions/current?x=" + "q".repeat(17 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "\r\n" + SMUGGLED;

        assertOneAnswerThenClose(request, 414, "application/problem+json", PROBLEM_URI_TOO_LONG);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void headersOf60KiB_areForwarded_andAnsweredAsCouchDbAnswers() throws IOException {
        List<String> headers = fillerHeaders(60 * 1024);

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/alice:doc", headers, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}\n");
        assertThat(couchDb.onlyRequest().header("x-filler-0")).isEqualTo(List.of("f".repeat(1000)));
        assertThat(couchDb.onlyRequest().header("x-filler-" + (headers.size() - 1))).hasSize(1);
    }

    @Test
    void headersOf60KiB_underApi_reachTheController() throws IOException {
        RawResponse response = proxy.send("GET", "/api/sessions/current", fillerHeaders(60 * 1024), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("content-type")).containsExactly("application/problem+json");
    }

    @Test
    void headersOf70KiB_underDatabase_getCouchDbStyle431_thenTheConnectionCloses() throws IOException {
        String request = "GET /database/posts/alice:doc HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION + "\r\n"
                + String.join("\r\n", fillerHeaders(70 * 1024)) + "\r\n\r\n" + SMUGGLED;

        assertOneAnswerThenClose(request, 431, "application/json", COUCH_HEADERS_TOO_LARGE);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void headersOf70KiB_underApi_getAProblem431_thenTheConnectionCloses() throws IOException {
        String request = "GET /api/sessions/current HTTP/1.1\r\nHost: localhost\r\n"
                + String.join("\r\n", fillerHeaders(70 * 1024)) + "\r\n\r\n" + SMUGGLED;

        assertOneAnswerThenClose(request, 431, "application/problem+json", PROBLEM_HEADERS_TOO_LARGE);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void aConfiguredRequestLineLimit_isKept() throws IOException {
        try (ProxyUnderTest strict = new ProxyUnderTest(couchDb.url(), java.time.Duration.ofSeconds(10),
                java.util.Map.of("micronaut.server.netty.max-initial-line-length", 8192))) {
            RawResponse response = strict.sendAuthenticated("GET", "/database/posts/alice:" + "d".repeat(12 * 1024),
                    List.of(), null);

            assertThat(response.status()).isEqualTo(414);
            assertThat(response.bodyText()).isEqualTo(COUCH_URI_TOO_LONG);
        }
        assertThat(couchDb.requests()).isEmpty();
    }

    /** @return headers {@code X-Filler-<n>: fff…} of 1,000 characters each, {@code total} bytes at least in all */
    static List<String> fillerHeaders(int total) {
        List<String> headers = new ArrayList<>();
        for (int size = 0; size < total; size += 1000 + 16) {
            headers.add("X-Filler-" + headers.size() + ": " + "f".repeat(1000));
        }
        return headers;
    }

    static void assertOneAnswerThenClose(String request, int status, String contentType, String body)
            throws IOException {
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.sendRaw(request.getBytes(StandardCharsets.UTF_8));

            RawResponse head = client.readHead();
            assertThat(head.status()).isEqualTo(status);
            assertThat(head.header("content-type")).containsExactly(contentType);
            assertThat(head.header("connection")).containsExactly("close");
            assertThat(client.readBody(head)).asString(StandardCharsets.UTF_8).isEqualTo(body);
            assertThat(client.closedByServer()).as("nothing after the one answer").isTrue();
        }
    }
}
