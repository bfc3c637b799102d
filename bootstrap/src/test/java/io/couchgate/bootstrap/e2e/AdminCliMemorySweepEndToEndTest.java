package io.couchgate.bootstrap.e2e;

import static io.couchgate.bootstrap.e2e.SessionTokens.logIn;
import static io.couchgate.bootstrap.e2e.SessionTokens.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin CLI against a running memory-mode couchgate whose sweep runs every second
 * ({@code couchgate.instances.lease-interval: 1s}, {@code couchgate.sessions.orphan-grace: 1s}): the CLI cannot reach
 * the server's sessions, it deletes their CouchDB session users; the server's next sweep sees them gone and ends the
 * sessions as a logout would, with no request of the session's own: {@code GET /api/sessions/current} answers 401
 * and an open continuous {@code _changes} feed ends. Another user's session stays.
 */
class AdminCliMemorySweepEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String FEED = "/database/posts/_changes?feed=continuous";

    private CouchDbServer couch;
    private CouchgateProcess app;
    private Map<String, Object> config;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        couch = CouchDbExtension.startFreshDevServer();
        Path data = tmp.resolve("data");
        app = CouchgateProcess.launch(CouchgateProcess.freePort(), couch.url(), data, tmp.resolve("app.out"),
                "-couchgate.instances.lease-interval=1s", "-couchgate.sessions.orphan-grace=1s").awaitHealthy();
        config = AdminRun.config(couch.url(), data, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            app.close();
        } finally {
            couch.close();
        }
    }

    @Test
    void endSessions_resetPassword_delete_endTheServersSessionAndItsOpenFeed_withinALeaseInterval_bobStays()
            throws Exception {
        signUp(app, "alice");
        signUp(app, "bob");
        String bob = logIn(app, "bob");

        endedBy(logIn(app, "alice"), "end-sessions", "ended 1 session of alice\n");
        endedBy(logIn(app, "alice"), "reset-password", null);
        endedBy(logIn(app, "alice"), "delete", "deleted alice; the name stays taken for 30 days\n");

        assertThat(app.send("GET", "/api/sessions/current", null, bob).statusCode()).isEqualTo(200);
        assertThat(app.send("GET", "/database/posts/_all_docs", null, bob).statusCode()).isEqualTo(200);
    }

    /**
     * Opens a continuous feed with {@code token}, runs {@code admin users <command> alice}, then expects the
     * session's 401 on {@code /api/sessions/current} (no {@code /database} request of its own comes first) and the
     * feed's end, each within {@link #DEADLINE}. A reset password is set back to the test password by
     * {@code --stdin --no-one-time}, so the next login opens an ordinary session.
     */
    private void endedBy(String token, String command, String printed) throws Exception {
        try (RawStream feed = RawStream.get(app.port(), 64 * 1024, FEED, token)) {
            assertThat(feed.readHead()).isEqualTo(200);
            AdminRun run = AdminRun.inProcess(config, "users", command, "alice");
            assertThat(run.exitCode()).as(run.err()).isZero();
            if (printed != null) {
                assertThat(run.out()).isEqualTo(printed);
            }
            DurableInstances.awaitStatus(app, "/api/sessions/current", token, 401, System.nanoTime(), DEADLINE);
            while (!feed.closedByServer()) {
                // reads the feed's rows up to its end; the socket's 30 s read timeout bounds the wait
            }
        }
        if (command.equals("reset-password")) {
            AdminRun back = AdminRun.withStdin(config, SessionTokens.PASSWORD + "\n", "users", "reset-password",
                    "alice", "--stdin", "--no-one-time");
            assertThat(back.exitCode()).as(back.err()).isZero();
        }
    }
}
