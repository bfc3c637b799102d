package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A session whose CouchDB user is deleted from {@code _users} directly, on a real CouchDB-compatible server: the
 * login, token check and drop run through the real services; the session users live in the fake directory (told
 * what couchgate's admin would see) and, for CouchDB to authenticate them, also in the server's {@code _users}.
 */
@ExtendWith(CouchDbExtension.class)
class DatabaseProxyVanishedUserTest {

    private static final String PASSWORD = "violet-Tundra-93-quill-harbor";
    private static final String COUCHGATE_401 =
            "{\"error\":\"unauthorized\",\"reason\":\"The session token is invalid, expired or revoked.\"}";

    private static CouchDbAdmin admin;
    private static ProxyUnderTest proxy;
    private static ApiClient api;
    private static String dropped;
    private static String kept;
    private static String localDb;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start(CouchDbServer server) {
        admin = new CouchDbAdmin(server);
        dropped = server.uniqueName("vanished");
        kept = server.uniqueName("lagging");
        localDb = server.uniqueName("vanished-local");
        proxy = new ProxyUnderTest(server.url(), Duration.ofSeconds(30), Map.of(ProxyTestBeans.REAL_SESSIONS, true,
                ProxyTestBeans.DATABASES, dropped + "," + kept + "," + localDb));
        api = new ApiClient(URI.create("http://localhost:" + proxy.port()), proxy.context().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void captureWarnings() {
        log.start();
        proxyLogger().addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        proxyLogger().detachAppender(log);
    }

    @Test
    void sessionWhoseUserWasDeletedInCouchDb_isDropped_andAnsweredWithCouchgates401() throws Exception {
        String username = "vanishing";
        String token = signUpAndLogIn(username, dropped);
        Session session = liveSession(username);
        String doc = "/database/" + dropped + "/" + username + ":missing";

        vanishAndExpectCouchgates401(session, token, doc);

        assertThat(proxy.context().getBean(RecordingSessionStreams.class).ended()).contains(session.id());
        List<ILoggingEvent> warnings = warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains(username)
                .doesNotContain(token, session.credentials().password(), session.id().value());

        admin.createUser(session.credentials());
        RawResponse again = proxy.send("GET", doc, bearer(token), null);
        assertThat(again.status()).as("refused by couchgate, though CouchDB would accept").isEqualTo(401);
        assertThat(again.bodyText()).isEqualTo(COUCHGATE_401);
        assertThat(warnings()).hasSize(1);
        admin.deleteUser(session.credentials().name());
    }

    @Test
    void aLocalDocRequestOfASessionWhoseUserWasDeleted_isAlsoAnsweredWithCouchgates401() throws Exception {
        String username = "vanishing-local";
        String token = signUpAndLogIn(username, localDb);
        Session session = liveSession(username);
        String checkpoint = "/database/" + localDb + "/_local/checkpoint";

        vanishAndExpectCouchgates401(session, token, checkpoint);
    }

    @Test
    void couchDb401WhileTheSessionUserStillExistsForTheAdmin_passesUnchanged_withoutAChallenge() throws Exception {
        String username = "lagging";
        String token = signUpAndLogIn(username, kept);
        Session session = liveSession(username);
        String doc = "/database/" + kept + "/" + username + ":missing";
        assertThat(proxy.send("GET", doc, bearer(token), null).status()).as("CouchDB knows the session user")
                .isEqualTo(404);
        admin.deleteUser(session.credentials().name());

        RawResponse refused = proxy.send("GET", doc, bearer(token), null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.bodyText()).isNotEqualTo(COUCHGATE_401).contains("\"error\":\"unauthorized\"");
        assertThat(refused.headers()).doesNotContainKey("www-authenticate");
        assertThat(api.withBearer("GET", "/api/sessions/current", token).status()).isEqualTo(200);
        assertThat(proxy.context().getBean(InMemorySessionStore.class).find(session.id())).contains(session);
        assertThat(warnings()).isEmpty();
    }

    /**
     * Checks that CouchDB knows the session user ({@code path} answers 404), deletes that user from CouchDB and
     * from what couchgate's admin sees, then expects couchgate's own 401 on {@code path} and on
     * {@code /api/sessions/current}, and the session gone from the store.
     */
    private static void vanishAndExpectCouchgates401(Session session, String token, String path) throws Exception {
        assertThat(proxy.send("GET", path, bearer(token), null).status()).as("CouchDB knows the session user")
                .isEqualTo(404);

        admin.deleteUser(session.credentials().name());
        proxy.context().getBean(InMemorySessionUserDirectory.class).vanish(session.credentials().name());
        RawResponse refused = proxy.send("GET", path, bearer(token), null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.bodyText()).isEqualTo(COUCHGATE_401);
        assertThat(refused.header("www-authenticate"))
                .containsExactly("Bearer realm=\"couchgate\", error=\"invalid_token\"");
        assertThat(api.withBearer("GET", "/api/sessions/current", token).status()).isEqualTo(401);
        assertThat(proxy.context().getBean(InMemorySessionStore.class).find(session.id())).isEmpty();
    }

    /** Signs up and logs in; the session user becomes a CouchDB user and the only member of {@code database}. */
    private String signUpAndLogIn(String username, String database) throws Exception {
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(api.putJson("/api/users", credentials).status()).isEqualTo(201);
        ApiClient.Response login = api.putJson("/api/sessions", credentials);
        assertThat(login.status()).isEqualTo(201);
        admin.createDatabaseWithMember(database, liveSession(username).credentials());
        return (String) login.body().get("token");
    }

    private static Session liveSession(String username) {
        List<Session> sessions = proxy.context().getBean(InMemorySessionStore.class)
                .findByUsername(Username.of(username));
        assertThat(sessions).hasSize(1);
        return sessions.get(0);
    }

    private static List<String> bearer(String token) {
        return List.of("Authorization: Bearer " + token);
    }

    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
    }

    private static Logger proxyLogger() {
        return (Logger) LoggerFactory.getLogger(DatabaseProxyFilter.class);
    }
}
