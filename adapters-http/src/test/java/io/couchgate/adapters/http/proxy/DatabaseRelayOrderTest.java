package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One keep-alive connection whose requests alternate between the relay (plain document reads) and Micronaut
 * ({@code _changes}, a refused path, a missing token): every answer comes in the order of its request, whether the
 * client waits for each answer or sends them all at once (pipelining, RFC 9112 section 9.3.2).
 */
class DatabaseRelayOrderTest extends ProxyOverStub {

    private static final String AUTH = "Authorization: Bearer " + FakeSessions.TOKEN + "\r\n";
    private static final List<String> TARGETS = List.of("/database/posts/alice:1", "/database/posts/_changes",
            "/database/posts/alice:3", "/database/_users/x", "/database/posts/alice:5", "/database/posts/alice:6");

    @Test
    void alternatingRequestsOnOneConnection_areAnsweredInOrder_oneAtATime() throws Exception {
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 200,
                "{\"uri\":\"" + exchange.getRequestURI() + "\"}"));

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            List<RawResponse> answers = new ArrayList<>();
            for (int i = 0; i < TARGETS.size(); i++) {
                client.sendRaw(request(TARGETS.get(i), i == TARGETS.size() - 1));
                answers.add(read(client));
            }
            assertInOrder(answers);
        }
    }

    @Test
    void alternatingRequestsSentAtOnce_areAnsweredInOrder() throws Exception {
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 200,
                "{\"uri\":\"" + exchange.getRequestURI() + "\"}"));
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < TARGETS.size(); i++) {
            all.writeBytes(request(TARGETS.get(i), i == TARGETS.size() - 1));
        }

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.sendRaw(all.toByteArray());
            List<RawResponse> answers = new ArrayList<>();
            for (int i = 0; i < TARGETS.size(); i++) {
                answers.add(read(client));
            }
            assertInOrder(answers);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    private static void assertInOrder(List<RawResponse> answers) {
        assertThat(answers).extracting(RawResponse::status).containsExactly(200, 200, 200, 403, 200, 200);
        assertThat(answers.get(0).bodyText()).isEqualTo("{\"uri\":\"/posts/alice:1\"}");
        assertThat(answers.get(1).bodyText()).isEqualTo("{\"uri\":\"/posts/_changes\"}");
        assertThat(answers.get(2).bodyText()).isEqualTo("{\"uri\":\"/posts/alice:3\"}");
        assertThat(answers.get(3).bodyText()).contains("\"error\":\"forbidden\"");
        assertThat(answers.get(4).bodyText()).isEqualTo("{\"uri\":\"/posts/alice:5\"}");
        assertThat(answers.get(5).bodyText()).isEqualTo("{\"uri\":\"/posts/alice:6\"}");
    }

    private static byte[] request(String target, boolean last) {
        return ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH + (last ? "Connection: close\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static RawResponse read(RawHttpClient client) throws IOException {
        RawResponse head = client.readHead();
        return new RawResponse(head.status(), head.headers(), client.readBody(head));
    }
}
