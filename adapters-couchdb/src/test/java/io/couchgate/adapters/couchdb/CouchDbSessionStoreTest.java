package io.couchgate.adapters.couchdb;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.testing.SessionStoreContract;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session-store contract on a real server, one fresh sessions database per store; plus what is stored: no
 * session id or password in any readable form, an admin-only database, and documents that fail authentication.
 */
@ExtendWith(CouchDbExtension.class)
class CouchDbSessionStoreTest extends SessionStoreContract {

    private static final InstanceId INSTANCE = InstanceId.random();
    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final CouchDbServer server;
    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RawCouch raw;
    private final boolean devServer;
    private final byte[] key = TestRandom.bytes(32);
    private final List<String> databases = new ArrayList<>();
    private String lastDatabase;

    CouchDbSessionStoreTest(CouchDbServer server) {
        this.server = server;
        couch = CouchDbConnection.open(TestCouchDbSettings.of(server.url()));
        admin = RawCouch.adminOf(server);
        raw = new RawCouch(server.url());
        devServer = server.source().equals(CouchDbExtension.SOURCE_DEV_SERVER);
    }

    @AfterEach
    void dropDatabases() {
        for (String db : databases) {
            raw.send("DELETE", "/" + CouchDbPaths.segment(db), null, admin);
        }
        couch.close();
    }

    @Override
    protected SessionStore newStore() {
        return store(key);
    }

    /** @return a store on a new, ensured database (remembered as {@link #lastDatabase}) */
    private CouchDbSessionStore store(byte[] sessionKey) {
        lastDatabase = server.uniqueName("sessions");
        databases.add(lastDatabase);
        CouchDbSessionStore store = new CouchDbSessionStore(couch, admin, lastDatabase, sessionKey);
        store.ensureDatabase();
        return store;
    }

    private JsonNode rawDoc(String db, Session session) {
        RawCouch.Answer answer = raw.send("GET", CouchDbPaths.doc(db, session.id().digest()), null, admin);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void storedDocument_isNamedByTheDigest_andHoldsNoFormOfTheSessionIdOrPassword() {
        CouchDbSessionStore store = store(key);
        Session session = session(INSTANCE, ALICE);
        store.put(session);

        JsonNode doc = rawDoc(lastDatabase, session);
        assertThat(doc.get("_id").asText()).isEqualTo(session.id().digest());
        assertThat(doc.get("type").asText()).isEqualTo("session");
        assertThat(doc.get("v").asInt()).isEqualTo(1);
        assertThat(doc.get("username").asText()).isEqualTo("alice");
        assertThat(doc.get("instance").asText()).isEqualTo(INSTANCE.toString());
        assertThat(doc.get("issued_at").asLong()).isEqualTo(session.issuedAt().toEpochMilli());
        assertThat(doc.get("expires_at").asLong()).isEqualTo(session.expiresAt().toEpochMilli());
        assertThat(doc.get("user").asText()).isEqualTo(session.credentials().name());
        String text = doc.toString();
        for (String secret : List.of(session.id().value(), session.credentials().password())) {
            assertThat(text).doesNotContain(encodings(secret.getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(encodings(Base64.getUrlDecoder().decode(secret)))
                    .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
    }

    /** @return plain text, std and url base64 with and without padding, hex lower and upper of the bytes */
    private static String[] encodings(byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes);
        return new String[] {new String(bytes, StandardCharsets.ISO_8859_1),
                Base64.getEncoder().encodeToString(bytes), Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), hex, hex.toUpperCase(Locale.ROOT)};
    }

    @Test
    void sessionsDatabase_isAdminOnly_anonymous401_sessionUser403() throws Exception {
        store(key);
        Session session = session(INSTANCE, ALICE);
        CouchDbSessionUserDirectory users = new CouchDbSessionUserDirectory(couch, admin, TestRandom::bytes);
        users.create(session);
        try {
            String path = "/" + CouchDbPaths.segment(lastDatabase);
            JsonNode security = raw.send("GET", path + "/_security", null, admin).json();
            assertThat(security).isEqualTo(RawCouch.JSON.readTree("{\"admins\":{\"names\":[\"" + admin.name()
                    + "\"],\"roles\":[]},\"members\":{\"names\":[\"" + admin.name() + "\"],\"roles\":[]}}"));
            assertThat(raw.send("GET", path, null, null).status()).isEqualTo(401);
            assertThat(raw.send("GET", "/_session", null, session.credentials()).json().at("/userCtx/name").asText())
                    .isEqualTo(session.credentials().name());
            // CouchDB: an authenticated non-member gets 403 forbidden; the dev server answers 401 unauthorized
            int refused = devServer ? 401 : 403;
            for (String denied : List.of(path, path + "/_all_docs", path + "/_changes")) {
                RawCouch.Answer answer = raw.send("GET", denied, null, session.credentials());
                assertThat(answer.status()).as(denied).isEqualTo(refused);
                assertThat(answer.error()).isEqualTo(devServer ? "unauthorized" : "forbidden");
            }
        } finally {
            users.delete(session);
        }
    }

    @Test
    void ensureDatabase_isIdempotent_andRestoresAnAlteredDesignDocument() {
        CouchDbSessionStore store = store(key);
        String ddoc = "/" + CouchDbPaths.segment(lastDatabase) + "/_design/couchgate_sessions";
        String rev = raw.send("GET", ddoc, null, admin).json().get("_rev").asText();

        store.ensureDatabase();
        assertThat(raw.send("GET", ddoc, null, admin).json().get("_rev").asText()).isEqualTo(rev);

        assertThat(raw.send("PUT", ddoc, "{\"_rev\":\"" + rev + "\",\"language\":\"javascript\",\"views\":"
                + "{\"by_username\":{\"map\":\"function (doc) { emit(1, null); }\"}}}", admin).status()).isEqualTo(201);
        store.ensureDatabase();
        JsonNode views = raw.send("GET", ddoc, null, admin).json().get("views");
        assertThat(views.get("by_username").get("map").asText()).contains("emit(doc.username");
        assertThat(views.get("by_expiry").get("map").asText()).contains("emit(doc.expires_at");
    }

    @Test
    void documentWrittenUnderAnotherKey_isNotFound() {
        CouchDbSessionStore writer = store(TestRandom.bytes(32));
        Session session = session(INSTANCE, ALICE);
        writer.put(session);
        CouchDbSessionStore reader = new CouchDbSessionStore(couch, admin, lastDatabase, key);

        assertThat(reader.find(session.id())).isEmpty();
        assertThat(reader.findByDigest(session.id().digest())).isEmpty();
        assertThat(reader.findByUsername(ALICE)).isEmpty();
        assertThat(reader.remove(session.id())).isEmpty();
        assertThat(writer.find(session.id())).contains(session);
    }

    @Test
    void documentWithAnAlteredPassword_isNotFound() {
        CouchDbSessionStore store = store(key);
        Session session = session(INSTANCE, ALICE);
        Session other = session(INSTANCE, ALICE);
        store.put(session);
        store.put(other);
        ObjectNode doc = (ObjectNode) rawDoc(lastDatabase, session);
        String password = doc.get("password").asText();
        char changed = password.charAt(20) == 'A' ? 'B' : 'A';
        doc.put("password", password.substring(0, 20) + changed + password.substring(21));
        assertThat(raw.send("PUT", CouchDbPaths.doc(lastDatabase, session.id().digest()), doc.toString(), admin)
                .status()).isEqualTo(201);

        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.findByUsername(ALICE)).containsExactly(other);
    }

    @Test
    void aPlainFieldEditedInPlace_makesTheDocumentUnreadable() {
        CouchDbSessionStore store = store(key);
        Session other = session(INSTANCE, BOB);
        store.put(other);
        Map<String, Object> edits = Map.of("expires_at", 4102444800000L, "issued_at", 1L,
                "user", other.credentials().name(), "username", "bob", "instance", InstanceId.random().toString());
        for (Map.Entry<String, Object> edit : edits.entrySet()) {
            Session session = session(INSTANCE, ALICE);
            store.put(session);
            ObjectNode doc = (ObjectNode) rawDoc(lastDatabase, session);
            if (edit.getValue() instanceof Long number) {
                doc.put(edit.getKey(), number);
            } else {
                doc.put(edit.getKey(), (String) edit.getValue());
            }
            assertThat(raw.send("PUT", CouchDbPaths.doc(lastDatabase, session.id().digest()), doc.toString(), admin)
                    .status()).as(edit.getKey()).isEqualTo(201);

            assertThat(store.find(session.id())).as(edit.getKey()).isEmpty();
        }
        assertThat(store.find(other.id())).contains(other);
    }

    @Test
    void aDeletedDatabase_isMadeAgainByTheNextPut_withItsSecurity() {
        CouchDbSessionStore store = store(key);
        Session before = session(INSTANCE, ALICE);
        store.put(before);
        assertThat(raw.send("DELETE", "/" + lastDatabase, null, admin).status()).isEqualTo(200);

        Session after = session(INSTANCE, ALICE);
        store.put(after);

        assertThat(store.find(before.id())).isEmpty();
        assertThat(store.find(after.id())).contains(after);
        assertThat(store.findByUsername(ALICE)).containsExactly(after);
        assertThat(raw.send("GET", "/" + lastDatabase, null, null).status()).isEqualTo(401);
    }

    @Test
    void passwordCopiedFromAnotherSessionsDocument_isNotFound() {
        CouchDbSessionStore store = store(key);
        Session session = session(INSTANCE, ALICE);
        Session other = session(INSTANCE, ALICE);
        store.put(session);
        store.put(other);
        ObjectNode doc = (ObjectNode) rawDoc(lastDatabase, session);
        doc.put("password", rawDoc(lastDatabase, other).get("password").asText());
        raw.send("PUT", CouchDbPaths.doc(lastDatabase, session.id().digest()), doc.toString(), admin);

        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.find(other.id())).contains(other);
    }

    @Test
    void invalidDatabaseNames_andKeysOfTheWrongLength_areRefused() {
        for (String name : List.of("", "Sessions", "_sessions", "1sessions", "sessions!", "a".repeat(239))) {
            assertThatThrownBy(() -> new CouchDbSessionStore(couch, admin, name, key))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid sessions database name");
        }
        new CouchDbSessionStore(couch, admin, "a".repeat(238), key);
        new CouchDbSessionStore(couch, admin, "couchgate_sessions/x$()+-9", key);
        assertThatThrownBy(() -> new CouchDbSessionStore(couch, admin, "couchgate_sessions", new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void findByDigest_ofTextThatIsNoDigest_isEmpty_withoutAskingForASpecialPath() {
        CouchDbSessionStore store = store(key);
        assertThat(store.findByDigest("_all_docs")).isEmpty();
        assertThat(store.findByDigest("_design/couchgate_sessions")).isEmpty();
        assertThat(store.findByDigest("0".repeat(64))).isEmpty();
    }

    @Test
    void issuedAtByDigest_readsEveryPage_andSkipsTheDesignDoc() {
        CouchDbSessionStore writer = store(key);
        CouchDbSessionStore paging = new CouchDbSessionStore(couch, admin, lastDatabase, key, 2);
        Map<String, Instant> expected = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            Session session = session(INSTANCE, ALICE, T0.plusSeconds(i), T0.plusSeconds(3600));
            writer.put(session);
            expected.put(session.id().digest(), session.issuedAt());
        }
        Session removed = session(INSTANCE, ALICE);
        writer.put(removed);
        writer.remove(removed.id());

        assertThat(paging.issuedAtByDigest()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void concurrentRemovalsOfOneSession_returnItOnce() throws Exception {
        CouchDbSessionStore store = store(key);
        Session session = session(INSTANCE, ALICE);
        store.put(session);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<Session>>> removals = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                removals.add(pool.submit(() -> {
                    go.await();
                    return store.remove(session.id());
                }));
            }
            go.countDown();
            List<Session> removed = new ArrayList<>();
            for (Future<Optional<Session>> removal : removals) {
                removal.get(60, TimeUnit.SECONDS).ifPresent(removed::add);
            }
            assertThat(removed).containsExactly(session);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.find(session.id())).isEmpty();
    }
}
