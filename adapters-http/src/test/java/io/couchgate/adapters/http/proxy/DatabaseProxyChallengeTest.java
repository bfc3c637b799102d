package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Who says 401: couchgate's own 401s carry a Bearer challenge (RFC 6750, section 3), CouchDB's pass with no
 * {@code WWW-Authenticate} at all, so a client tells "session ended" from "CouchDB refused this". Only a CouchDB 401
 * makes the proxy ask whether the session user vanished.
 */
class DatabaseProxyChallengeTest extends ProxyOverStub {

    private static final String CHALLENGE = "Bearer realm=\"couchgate\", error=\"invalid_token\"";

    @Test
    void requestWithoutToken_getsABearerChallengeWithoutErrorCode() throws Exception {
        RawResponse response = proxy.send("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).containsExactly("Bearer realm=\"couchgate\"");
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"Send a session token as "
                + "Authorization: Bearer <token>.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void unknownToken_getsInvalidTokenChallenge_withoutContactingCouchDb() throws Exception {
        RawResponse response = proxy.send("GET", "/database/posts/doc",
                List.of("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.unknown.signature"), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).containsExactly(CHALLENGE);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"The session token is "
                + "invalid, expired or revoked.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void couchDbs401_passesUnchanged_withoutItsChallenge_afterOneVanishedCheck() throws Exception {
        int before = checks();
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"couchdb\"");
            UpstreamStub.respond(exchange, 401, "{\"error\":\"unauthorized\",\"reason\":\"Not your document.\"}");
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).doesNotContainKey("www-authenticate");
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"Not your document.\"}");
        assertThat(checks()).isEqualTo(before + 1);
    }

    @Test
    void couchDbsOtherAnswers_costNoVanishedCheck() throws Exception {
        int before = checks();
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 403,
                "{\"error\":\"forbidden\",\"reason\":\"Only owners.\"}"));

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(checks()).isEqualTo(before);
    }

    @Test
    void vanishedSessionsCouchDb401_isReplaced_andItsUnsentBodyReleased_soTheConnectionIsReused() throws Exception {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        String large = "{\"error\":\"unauthorized\",\"reason\":\"" + "x".repeat(256 * 1024) + "\"}";
        couchDb.answerWith(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            UpstreamStub.respond(exchange, clientPorts.size() == 1 ? 401 : 200,
                    clientPorts.size() == 1 ? large : "{\"ok\":true}");
        });
        vanished().vanishNext();

        // One client connection for both: the relay pools CouchDB connections per event loop (a client connection's)
        RawResponse refused;
        RawResponse next;
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            byte[] request = ("GET /database/posts/doc HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + FakeSessions.TOKEN + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            client.sendRaw(request);
            RawResponse head = client.readHead();
            refused = new RawResponse(head.status(), head.headers(), client.readBody(head));
            client.sendRaw(request);
            head = client.readHead();
            next = new RawResponse(head.status(), head.headers(), client.readBody(head));
        }

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("www-authenticate")).containsExactly(CHALLENGE);
        assertThat(refused.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"The session token is "
                + "invalid, expired or revoked.\"}");
        assertThat(next.status()).isEqualTo(200);
        assertThat(clientPorts).hasSize(2);
        assertThat(clientPorts.get(1)).as("the pooled CouchDB connection came back").isEqualTo(clientPorts.get(0));
    }

    @Test
    void vanishedSessionsCouchDb401OnAChangesRequest_isReplaced_thoughDroppingTheSessionEndsItsStreams()
            throws Exception {
        // large: CouchDB's connection stays busy with its unread body while the check drops the session
        String large = "{\"error\":\"unauthorized\",\"reason\":\"" + "x".repeat(256 * 1024) + "\"}";
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 401, large));
        vanished().vanishNext();

        RawResponse refused = proxy.sendAuthenticated("GET", "/database/posts/_changes", List.of(), null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("www-authenticate")).containsExactly(CHALLENGE);
        assertThat(refused.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"The session token is "
                + "invalid, expired or revoked.\"}");
    }

    @Test
    void failedVanishedCheck_passesCouchDbs401_andLogsOneWarningWithoutTheSessionId() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(DatabaseProxyFilter.class);
        logger.addAppender(log);
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 401,
                "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}"));
        vanished().failNext();
        try {
            RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers()).doesNotContainKey("www-authenticate");
            assertThat(response.bodyText())
                    .isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}");
        } finally {
            logger.detachAppender(log);
        }
        List<ILoggingEvent> warnings = log.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("alice")
                .doesNotContain(FakeSessions.SESSION_ID.value(), FakeSessions.TOKEN);
    }

    private static FakeVanishedSessions vanished() {
        return (FakeVanishedSessions) proxy.context().getBean(DropVanishedSessionUseCase.class);
    }

    private static int checks() {
        return vanished().checks();
    }
}
