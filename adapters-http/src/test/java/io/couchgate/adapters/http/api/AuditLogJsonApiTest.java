package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.adapters.http.audit.AuditLog;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code couchgate.audit.format: json}: the same fields, one JSON object per line. */
@MicronautTest(rebuildContext = true)
@Property(name = "couchgate.audit.format", value = "json")
class AuditLogJsonApiTest extends ApiTestSupport {

    @Test
    void jsonFormat_oneObjectPerEntry() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        lines.start();
        logger.addAppender(lines);
        try {
            signUp("alice");
            assertThat(api.putJson("/api/sessions", credentials("alice", "wrong-" + PASSWORD)).status())
                    .isEqualTo(401);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "{\"event\":\"signup\",\"outcome\":\"ok\",\"user\":\"alice\",\"client\":\"127.0.0.1\"}",
                "{\"event\":\"login\",\"outcome\":\"failed\",\"user\":\"alice\",\"client\":\"127.0.0.1\","
                        + "\"detail\":\"invalid-credentials\"}");
    }
}
