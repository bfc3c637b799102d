package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health and failure reporting of the connection. */
@ExtendWith(CouchDbExtension.class)
class CouchDbConnectionTest {

    @Test
    void realServer_isUp(CouchDbServer server) {
        try (CouchDbConnection couch = CouchDbConnection.open(CouchDbSettings.of(server.url()))) {
            assertThat(couch.isUp()).isTrue();
        }
    }

    @Test
    void nothingListening_isDown_andEveryPortFailsWithCouchDbException_withoutCredentials() {
        CouchCredentials admin = new CouchCredentials("couchgate-admin", "very-secret-password");
        CouchDbSettings settings = new CouchDbSettings(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, false);
        try (CouchDbConnection dead = CouchDbConnection.open(settings)) {
            assertThat(dead.isUp()).isFalse();
            assertThatThrownBy(() -> new CouchDbServerProvisioner(dead).isAdmin(admin))
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageStartingWith("GET /_session failed: ")
                    .message().doesNotContain(admin.password());
            assertThatThrownBy(() -> new CouchDbSessionUserDirectory(dead, admin, TestRandom::bytes)
                    .deleteAllNotOf(InstanceId.random()))
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageStartingWith("GET /_users/_all_docs?startkey=%22org.couchdb.user%3Ausers%2F%22")
                    .message().doesNotContain(admin.password());
        }
    }

    @Test
    void errorStatus_becomesCouchDbException_namingMethodPathAndStatus(CouchDbServer server) {
        CouchCredentials admin = RawCouch.adminOf(server);
        try (CouchDbConnection couch = CouchDbConnection.open(CouchDbSettings.of(server.url()))) {
            // A database that does not exist: 404 (api/database/security.html).
            DatabaseSetup setup = new DatabaseSetup(couch, admin);
            assertThatThrownBy(() -> setup.ensureSecurity("no-such-db-" + System.nanoTime(), null))
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageMatching("GET /no-such-db-\\d+/_security answered 404");
        }
    }
}
