package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.adapters.http.audit.AuditLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The audit log's text lines for signup, login (ok, failed, throttled), logout and logout everywhere: event,
 * outcome, user and client, never the password or the token.
 */
@MicronautTest(rebuildContext = true)
class AuditLogApiTest extends ApiTestSupport {

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
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void signupLoginLogoutAndLogoutEverywhere_eachOneLine_withoutPasswordOrToken() {
        signUp("alice");
        String token = logIn("alice");
        String second = logIn("alice");
        assertThat(api.putJson("/api/sessions", credentials("alice", "wrong-" + PASSWORD)).status())
                .isEqualTo(401);
        assertThat(api.putJson("/api/sessions", credentials("nobody", PASSWORD)).status()).isEqualTo(401);
        assertThat(api.putJson("/api/users", credentials("alice", PASSWORD)).status()).isEqualTo(409);
        assertThat(api.withBearer("DELETE", "/api/sessions/current", token).status()).isEqualTo(204);
        assertThat(api.withBearer("DELETE", "/api/sessions", second).status()).isEqualTo(204);
        assertThat(api.withBearer("DELETE", "/api/sessions", second).status()).isEqualTo(401);

        String client = "client=" + server.getHost().replace("localhost", "127.0.0.1");
        assertThat(messages()).containsExactly(
                "event=signup outcome=ok user=alice " + client,
                "event=login outcome=ok user=alice " + client,
                "event=login outcome=ok user=alice " + client,
                "event=login outcome=failed user=alice " + client + " detail=invalid-credentials",
                "event=login outcome=failed user=nobody " + client + " detail=invalid-credentials",
                "event=signup outcome=refused user=alice " + client + " detail=username-taken",
                "event=logout outcome=ok user=alice " + client,
                "event=logout-everywhere outcome=ok user=alice " + client,
                "event=logout-everywhere outcome=failed " + client + " detail=unauthorized");
        assertThat(String.join("\n", messages())).doesNotContain(PASSWORD).doesNotContain(token)
                .doesNotContain(second);
    }

    @Test
    void throttledLogin_andAnInvalidName_areNamedSo_theInvalidNameNotWritten() {
        for (int i = 0; i < 10; i++) {
            api.putJson("/api/sessions", credentials("bob", "wrong-" + PASSWORD));
        }
        assertThat(api.putJson("/api/sessions", credentials("bob", "wrong-" + PASSWORD)).status()).isEqualTo(429);
        assertThat(api.putJson("/api/sessions", credentials("my secret pass phrase", PASSWORD)).status())
                .isEqualTo(401);

        List<String> messages = messages();
        assertThat(messages.get(10)).startsWith("event=login outcome=throttled user=bob client=")
                .endsWith(" detail=too-many-requests");
        assertThat(messages.get(11)).startsWith("event=login outcome=failed user=(invalid) client=");
        assertThat(String.join("\n", messages)).doesNotContain("my secret pass phrase");
    }
}
