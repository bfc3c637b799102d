package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Invitation;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.testing.AppUserRepositoryContract;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The repository contract on a real server's {@code app_users}, plus the stored document's shape. */
@ExtendWith(CouchDbExtension.class)
class CouchDbAppUserRepositoryTest extends AppUserRepositoryContract {

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RawCouch raw;

    CouchDbAppUserRepositoryTest(CouchDbServer server) {
        couch = CouchDbConnection.open(server.couchDbSettings());
        admin = RawCouch.adminOf(server);
        raw = new RawCouch(server.url());
        new CouchDbServerProvisioner(couch).provision(admin, List.of());
    }

    @AfterEach
    void close() {
        couch.close();
    }

    @Override
    protected AppUserRepository newRepository() {
        return new CouchDbAppUserRepository(couch, admin);
    }

    @Test
    void storedDocument_isUserColonUsername_withPhcHashAndIsoCreationTime() {
        Username username = uniqueUsername();
        newRepository().create(new AppUser(username, HASH_1, Instant.parse("2026-01-02T03:04:05.678Z")));

        JsonNode doc = raw.send("GET", "/app_users/user:" + username, null, admin).json();
        assertThat(doc.get("_id").asText()).isEqualTo("user:" + username);
        assertThat(doc.get("username").asText()).isEqualTo(username.value());
        assertThat(doc.get("password_hash").asText()).isEqualTo(HASH_1.phc());
        assertThat(doc.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
    }

    @Test
    void deletedAccount_leavesAMarkWithTheDeletionTime_andNoPasswordHash() {
        Username username = uniqueUsername();
        AppUser user = new AppUser(username, HASH_1, Instant.parse("2026-01-02T03:04:05.678Z"));
        AppUserRepository repository = newRepository();
        repository.create(user);

        repository.delete(user, DELETED_AT);

        JsonNode doc = raw.send("GET", "/app_users/user:" + username, null, admin).json();
        assertThat(doc.get("_rev").asText()).startsWith("2-");
        assertThat(doc.get("username").asText()).isEqualTo(username.value());
        assertThat(doc.get("deleted_at").asText()).isEqualTo("2026-02-03T04:05:06.789Z");
        assertThat(doc.has("password_hash")).isFalse();
        assertThat(doc.has("created_at")).isFalse();
        assertThat(doc.has("_deleted")).isFalse();
    }

    @Test
    void findAll_listsAccountsByName_withoutDeletionMarksOrInvitations() {
        CouchDbAppUserRepository repository = new CouchDbAppUserRepository(couch, admin);
        AppUser kept = newUser(HASH_1);
        AppUser deleted = newUser(HASH_2);
        repository.create(kept);
        repository.create(deleted);
        repository.delete(deleted, DELETED_AT);
        new CouchDbInvitationStore(couch, admin).add(new Invitation("a".repeat(64),
                DELETED_AT, DELETED_AT.plusSeconds(60)));

        List<AppUser> all = repository.findAll();

        assertThat(all).contains(kept).doesNotContain(deleted);
        assertThat(all).extracting(user -> user.username().value()).isSorted();
    }

    @Test
    void unreachableCouchDb_isACouchDbException_namingMethodAndPath() {
        try (CouchDbConnection dead = CouchDbConnection.open(TestCouchDbSettings.of(URI.create("http://127.0.0.1:9")))) {
            AppUserRepository repository = new CouchDbAppUserRepository(dead, admin);
            assertThatThrownBy(() -> repository.findByUsername(Username.of("alice")))
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageStartingWith("GET /app_users/user:alice failed: ")
                    .message().doesNotContain(admin.password());
        }
    }
}
