package io.couchgate.bootstrap.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} names each of couchgate's components for what it checks: couchdb, secrets, sessions. */
class HealthComponentNamesTest {

    @TempDir
    Path tmp;

    @Test
    void healthEntries_areNamedForWhatTheyCheck() throws Exception {
        try (CouchDbServer couch = CouchDbExtension.freshServer();
             RunningCouchgate app = RunningCouchgate.start(couch, tmp.resolve("data"), Map.of())) {
            HttpResponse<String> health = app.send("GET", "/health", null, null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
            Map<String, Object> body = app.json(health.body());
            assertThat(body.keySet().stream().map(String::valueOf)).as("README's /health row")
                    .containsExactlyInAnyOrder("name", "status", "details");
            assertThat(body).as(health.body()).containsEntry("name", "couchgate").containsEntry("status", "UP");
            Map<?, ?> details = (Map<?, ?>) body.get("details");
            assertThat(details.keySet().stream().map(String::valueOf)).as(health.body())
                    .contains("couchdb", "secrets", "sessions");
            for (String name : new String[] {"couchdb", "secrets", "sessions"}) {
                Map<?, ?> entry = (Map<?, ?>) details.get(name);
                assertThat(entry.get("status")).as(name).isEqualTo("UP");
                assertThat(entry.get("name")).as(health.body()).isEqualTo(name);
            }
        }
    }
}
