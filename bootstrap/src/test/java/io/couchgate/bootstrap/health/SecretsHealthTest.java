package io.couchgate.bootstrap.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health}'s {@code secrets} entry follows the secrets file: UP while it is there, active and owner-only;
 * DOWN (and {@code /health} 503) once it is readable by others or gone; UP again once repaired. The entry names no
 * path and no value.
 */
class SecretsHealthTest {

    @TempDir
    Path tmp;

    @Test
    void secretsEntry_upWhileTheFileIsIntact_downWhenInsecureOrMissing() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (CouchDbServer couch = CouchDbExtension.freshServer();
             RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            Path file = dataDir.resolve("secrets.properties");
            assertThat(secrets(app)).isEqualTo(Map.of("status", "UP", "details", Map.of("state", "active")));

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(secrets(app)).isEqualTo(Map.of("status", "DOWN", "details", Map.of("state", "insecure")));
            HttpResponse<String> down = app.send("GET", "/health", null, null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(app.json(down.body())).as("README's /health row").containsEntry("name", "couchgate")
                    .containsEntry("status", "DOWN").containsKey("details");

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertThat(secrets(app)).isEqualTo(Map.of("status", "UP", "details", Map.of("state", "active")));

            byte[] kept = Files.readAllBytes(file);
            Files.delete(file);
            HttpResponse<String> health = app.send("GET", "/health", null, null);
            assertThat(secrets(app)).isEqualTo(Map.of("status", "DOWN", "details", Map.of("state", "missing")));
            assertThat(health.body()).doesNotContain(dataDir.toString());
            Files.write(file, kept);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertThat(secrets(app)).isEqualTo(Map.of("status", "UP", "details", Map.of("state", "active")));
        }
    }

    private static Map<?, ?> secrets(RunningCouchgate app) throws IOException {
        HttpResponse<String> health = app.send("GET", "/health", null, null);
        Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) app.json(health.body()).get("details")).get("secrets");
        Map<Object, Object> withoutName = new java.util.HashMap<>(entry);
        withoutName.remove("name");
        return withoutName;
    }
}
