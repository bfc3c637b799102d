package io.couchgate.adapters.couchdb;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionUserDirectory;
import io.couchgate.domain.port.testing.SessionUserDirectoryContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The directory contract on a real server's {@code _users}, plus what CouchDB makes of the stored users. */
@ExtendWith(CouchDbExtension.class)
class CouchDbSessionUserDirectoryTest extends SessionUserDirectoryContract {

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RawCouch raw;
    private final boolean devServer;

    CouchDbSessionUserDirectoryTest(CouchDbServer server) {
        couch = CouchDbConnection.open(TestCouchDbSettings.of(server.url()));
        admin = RawCouch.adminOf(server);
        raw = new RawCouch(server.url());
        devServer = server.source().equals(CouchDbExtension.SOURCE_DEV_SERVER);
    }

    @AfterEach
    void close() {
        couch.close();
    }

    @Override
    protected SessionUserDirectory newDirectory() {
        return directory();
    }

    private CouchDbSessionUserDirectory directory() {
        return new CouchDbSessionUserDirectory(couch, admin, TestRandom::bytes);
    }

    @Test
    void sessionUser_logsInWithTheSessionPassword_andHasTheEndUserAndUsernameRoles() {
        Session session = session(InstanceId.random(), Username.of("alice"));
        directory().create(session);

        RawCouch.Answer login = raw.send("GET", "/_session", null, session.credentials());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("userCtx").get("name").asText()).isEqualTo(session.credentials().name());
        assertThat(login.json().get("userCtx").get("roles"))
                .containsExactly(RawCouch.JSON.valueToTree("end_user"), RawCouch.JSON.valueToTree("user:alice"));
    }

    @Test
    void sessionUserDeletedDirectly_doesNotExist_andItsCredentialsAreRefusedWith401() {
        Session session = session(InstanceId.random(), Username.of("alice"));
        CouchDbSessionUserDirectory directory = directory();
        directory.create(session);
        String path = CouchDbPaths.doc("_users", "org.couchdb.user:" + session.credentials().name());
        String rev = raw.send("GET", path, null, admin).json().get("_rev").asText();

        assertThat(raw.send("DELETE", path + "?rev=" + CouchDbPaths.queryValue(rev), null, admin).status())
                .isEqualTo(200);

        assertThat(directory.exists(session)).isFalse();
        assertThat(raw.send("GET", "/_session", null, session.credentials()).status()).isEqualTo(401);
        directory.delete(session);
    }

    @Test
    void storedUser_isPreHashed_withExpiry_andNoPlaintextPassword() {
        Session session = session(InstanceId.random(), Username.of("alice"));
        CouchDbSessionUserDirectory directory = directory();
        directory.create(session);

        JsonNode doc = raw.send("GET", CouchDbPaths.doc("_users", "org.couchdb.user:" + session.credentials().name()),
                null, admin).json();
        assertThat(doc.get("name").asText()).isEqualTo(session.credentials().name());
        assertThat(doc.get("type").asText()).isEqualTo("user");
        assertThat(doc.get("couchgate_expires_at").asLong()).isEqualTo(session.expiresAt().toEpochMilli());
        assertThat(doc.get("password_scheme").asText()).isEqualTo("pbkdf2");
        assertThat(doc.get("salt").asText()).matches("[0-9a-f]{32}");
        assertThat(doc.has("password")).isFalse();
        String scheme = directory.probeScheme();
        assertThat(doc.get("derived_key").asText()).matches(scheme.equals("pbkdf2-sha256") ? "[0-9a-f]{64}"
                : "[0-9a-f]{40}");
    }

    @Test
    void probe_choosesSha1OnTheDevServer_andLeavesNoUserBehind() {
        CouchDbSessionUserDirectory directory = directory();
        String scheme = directory.probeScheme();
        if (devServer) {
            // shared/couchdb-notes.md: PouchDB Server verifies only the SHA-1 form (it ignores pbkdf2_prf).
            assertThat(scheme).isEqualTo("pbkdf2-sha1");
        } else {
            assertThat(scheme).isIn("pbkdf2-sha256", "pbkdf2-sha1"); // SHA-256 from CouchDB 3.3 on
        }
        assertThat(directory.probeScheme()).isEqualTo(scheme);
        assertThat(directory.deleteAllNotOf(InstanceId.random())).isZero();
    }

    @Test
    void deletedSessionUser_canNoLongerLogIn() {
        Session session = session(InstanceId.random(), Username.of("bob"));
        SessionUserDirectory directory = directory();
        directory.create(session);
        directory.delete(session);
        assertThat(raw.send("GET", "/_session", null, session.credentials()).status()).isEqualTo(401);
    }

    @Test
    void purge_deletesExactlyTheStaleSessionUsers_andLeavesCurrentAndUnrelatedUsersAlone() {
        InstanceId earlier = InstanceId.random();
        InstanceId current = InstanceId.random();
        SessionUserDirectory directory = directory();
        List<Session> stale = List.of(session(earlier, Username.of("alice")), session(earlier, Username.of("bob")),
                session(InstanceId.random(), Username.of("carol")));
        Session kept = session(current, Username.of("alice"));
        stale.forEach(directory::create);
        directory.create(kept);
        List<String> unrelated = UnrelatedUsers.create(raw, admin, 3);

        assertThat(directory.deleteAllNotOf(current)).isEqualTo(3);

        for (Session s : stale) {
            assertThat(raw.send("GET", "/_session", null, s.credentials()).status()).isEqualTo(401);
        }
        assertThat(raw.send("GET", "/_session", null, kept.credentials()).status()).isEqualTo(200);
        for (String id : unrelated) {
            assertThat(raw.send("GET", CouchDbPaths.doc("_users", id), null, admin).status()).as(id).isEqualTo(200);
        }
        assertThat(raw.send("GET", "/_users/_design/_auth", null, admin).status()).isEqualTo(200);
    }
}
