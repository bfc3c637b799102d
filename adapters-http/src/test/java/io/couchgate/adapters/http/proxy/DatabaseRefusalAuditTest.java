package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.adapters.http.audit.AuditLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every {@code /database} request couchgate refuses itself writes one {@code database-refused} audit line: the
 * username when a session is known, the client address, the status, the method and the path without its query;
 * never the token. A request that is forwarded (relayed) writes none.
 */
class DatabaseRefusalAuditTest extends ProxyOverStub {

    private static final String CLIENT = "client=127.0.0.1";
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        proxy.sessions().restore();
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String line(String user, int status, String method, String path) {
        return "event=database-refused outcome=refused " + (user == null ? "" : "user=" + user + " ") + CLIENT
                + " status=" + status + " method=" + method + " path=" + path;
    }

    @Test
    void noTokenUnknownTokenAndRevokedSession_eachOneLineWithoutUser_andNeverTheToken() throws Exception {
        assertThat(proxy.send("GET", "/database/posts/doc?secret=1", List.of(), null).status()).isEqualTo(401);
        assertThat(proxy.send("GET", "/database/posts/doc", List.of("Authorization: Bearer not-a-session"), null)
                .status()).isEqualTo(401);
        proxy.sessions().revoke(FakeSessions.TOKEN);
        assertThat(proxy.sendAuthenticated("DELETE", "/database/posts/doc", List.of(), null).status())
                .isEqualTo(401);

        assertThat(messages()).containsExactly(line(null, 401, "GET", "/database/posts/doc"),
                line(null, 401, "GET", "/database/posts/doc"), line(null, 401, "DELETE", "/database/posts/doc"));
        assertThat(String.join("\n", messages())).doesNotContain("not-a-session", FakeSessions.TOKEN, "secret");
    }

    @Test
    void pathRulesCustomFilterRepeatedParameterAndLocalId_eachOneLineWithTheUser() throws Exception {
        assertThat(proxy.sendAuthenticated("GET", "/database/_config", List.of(), null).status()).isEqualTo(403);
        assertThat(proxy.sendAuthenticated("GET", "/database/posts/_changes?filter=app/mine", List.of(), null)
                .status()).isEqualTo(403);
        assertThat(proxy.sendAuthenticated("GET", "/database/posts/_changes?since=1&since=2", List.of(), null)
                .status()).isEqualTo(400);
        assertThat(proxy.sendAuthenticated("GET", "/database/posts/_all_docs?key=%22_local%2Fx%22", List.of(), null)
                .status()).isEqualTo(400);

        assertThat(messages()).containsExactly(line("alice", 403, "GET", "/database/_config"),
                line("alice", 403, "GET", "/database/posts/_changes"),
                line("alice", 400, "GET", "/database/posts/_changes"),
                line("alice", 400, "GET", "/database/posts/_all_docs"));
        assertThat(couchDb.begun()).isZero();
    }

    @Test
    void requestLineTooLong_andHeadersTooLarge_eachOneLineWithoutUser() throws Exception {
        String longTarget = "/database/posts/" + "a".repeat(17 * 1024);
        assertThat(proxy.sendAuthenticated("GET", longTarget, List.of(), null).status()).isEqualTo(414);
        assertThat(proxy.send("GET", "/database/posts/doc?x=1", List.of("Authorization: Bearer " + FakeSessions.TOKEN,
                "X-Big: " + "b".repeat(70 * 1024)), null).status()).isEqualTo(431);

        // Only the request line's first bytes are kept when it is too long to decode: the path ends with "...".
        assertThat(messages()).hasSize(2);
        assertThat(messages().get(0)).startsWith(line(null, 414, "GET", "/database/posts/aaaa")).endsWith("a...")
                .hasSizeLessThan(line(null, 414, "GET", "").length() + AuditLog.MAX_PATH + 4);
        // Netty drops the headers of a head it could not decode, the token with them: no user is known then.
        assertThat(messages().get(1)).isEqualTo(line(null, 431, "GET", "/database/posts/doc"));
    }

    @Test
    void forwardedRequest_writesNoLine() throws Exception {
        assertThat(proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null).status()).isEqualTo(200);

        assertThat(messages()).isEmpty();
    }

    @Test
    void behindATrustedProxy_theForwardedClientIsNamed() throws Exception {
        try (ProxyUnderTest behind = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10),
                Map.of("test.trusted-proxies", List.of("127.0.0.1")))) {
            assertThat(behind.send("GET", "/database/_config", List.of("Authorization: Bearer " + FakeSessions.TOKEN,
                    "X-Forwarded-For: 198.51.100.7, 203.0.113.9"), null).status()).isEqualTo(403);
        }

        assertThat(messages()).containsExactly("event=database-refused outcome=refused user=alice "
                + "client=203.0.113.9 status=403 method=GET path=/database/_config");
    }
}
