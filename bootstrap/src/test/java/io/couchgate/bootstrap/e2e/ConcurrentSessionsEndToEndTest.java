package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.micronaut.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One user on many devices: concurrent logins each get their own session and CouchDB user; logging out one leaves
 * the others working. The whole application log of the run is checked for secrets.
 */
class ConcurrentSessionsEndToEndTest {

    private static final String PASSWORD = "quartz-meadow-tunes-88-kites";
    private static CouchDbServer couch;
    private static Path dataDir;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        couch = CouchDbExtension.freshServer();
        dataDir = Files.createTempDirectory("couchgate-sessions").resolve("data");
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        LOG.start();
        root.addAppender(LOG);
    }

    @AfterAll
    static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOG);
        couch.close();
    }

    @Test
    void fiftyConcurrentLogins_giveFiftySessions_thatEachReadPosts_andLoggingOutOneLeavesTheOther49()
            throws Exception {
        // 50 sessions of one user: above the default cap (20) and the default successes per 15 minutes (30).
        Map<String, Object> roomForFifty = Map.of("couchgate.sessions.max-per-user", 50,
                "couchgate.login.successes-per-user", 50);
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, roomForFifty)) {
            assertThat(app.send("PUT", "/api/users", credentials("carol"), null).statusCode()).isEqualTo(201);

            List<String> tokens = logInConcurrently(app, 50);

            assertThat(tokens).doesNotHaveDuplicates().hasSize(50);
            List<Session> sessions = app.context().getBean(SessionStore.class).findByUsername(new Username("carol"));
            assertThat(sessions).hasSize(50);
            assertThat(sessions.stream().map(s -> s.credentials().name()).distinct()).hasSize(50);
            for (String token : tokens) {
                assertThat(app.send("GET", "/database/posts/_all_docs", null, token).statusCode()).isEqualTo(200);
            }

            assertThat(app.send("DELETE", "/api/sessions/current", null, tokens.get(0)).statusCode()).isEqualTo(204);

            assertThat(app.send("GET", "/database/posts/_all_docs", null, tokens.get(0)).statusCode())
                    .isEqualTo(401);
            for (String token : tokens.subList(1, 50)) {
                assertThat(app.send("GET", "/database/posts/_all_docs", null, token).statusCode()).isEqualTo(200);
            }
            assertNoSecretInTheLog(app, sessions);
        }
    }

    private static List<String> logInConcurrently(RunningCouchgate app, int count) throws Exception {
        // Each login in flight holds one of the username's 10 failure tokens until its verdict (LoginThrottle), so
        // more than 10 overlapping logins of one user would get 429: 8 at a time.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                logins.add(pool.submit(() -> {
                    var response = app.send("PUT", "/api/sessions", credentials("carol"), null);
                    assertThat(response.statusCode()).isEqualTo(201);
                    return (String) app.context().getBean(JsonMapper.class).readValue(response.body(), Map.class)
                            .get("token");
                }));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> f : logins) {
                tokens.add(f.get());
            }
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertNoSecretInTheLog(RunningCouchgate app, List<Session> sessions) {
        String log = capturedLog();
        assertThat(log).as("the test captured the application log").contains("couchgate instance");
        assertThat(log).doesNotContain(PASSWORD);
        Secrets secrets = new FileSecretsStore(dataDir).load().orElseThrow();
        assertThat(log).doesNotContain(secrets.admin().password())
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.jwtSecret()));
        for (Session s : sessions) {
            assertThat(log).doesNotContain(s.credentials().password());
        }
    }

    private static String capturedLog() {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(LOG.list)) {
            out.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                out.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return out.toString();
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }
}
