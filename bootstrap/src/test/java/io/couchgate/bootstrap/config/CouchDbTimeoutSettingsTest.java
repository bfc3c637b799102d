package io.couchgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CouchDB timeouts have their defaults in application.yml alone, and README's table states those. */
class CouchDbTimeoutSettingsTest {

    private static final String CONNECT = "couchgate.couchdb.connect-timeout";
    private static final String READ = "couchgate.couchdb.read-timeout";
    private static final String REQUEST = "couchgate.couchdb.request-timeout";

    private final SettingsFactory factory = new SettingsFactory();

    @Test
    void unsetTimeouts_takeApplicationYmlsValues_2s_60s_10s() {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment env = context.getEnvironment().start();
            CouchgateSettings settings = factory.settings(env);

            assertThat(env.getProperty(CONNECT, String.class)).contains("2s");
            assertThat(env.getProperty(READ, String.class)).contains("60s");
            assertThat(env.getProperty(REQUEST, String.class)).contains("10s");
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void readmeConfigurationTable_statesApplicationYmlsTimeouts() throws IOException {
        List<String> readme = Files.readAllLines(repositoryRoot().resolve("README.md"));
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment env = context.getEnvironment().start();
            String connect = env.getRequiredProperty(CONNECT, String.class);
            String read = env.getRequiredProperty(READ, String.class);
            String request = env.getRequiredProperty(REQUEST, String.class);

            assertThat(readme).contains("| `" + CONNECT + "` / `read-timeout` | `" + connect + "` / `" + read
                    + "` | towards CouchDB: the longest wait for a connection (TCP and TLS), and the `/database` "
                    + "proxy's longest wait for CouchDB's answer and between its chunks (then 504) |");
            assertThat(readme).anyMatch(line -> line.startsWith("| `" + REQUEST + "` | `" + request + "` | "));
        }
    }

    @Test
    void explicitTimeouts_areTaken() {
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(CONNECT, "750ms",
                READ, "5m", REQUEST, "3s")).build()) {
            CouchgateSettings settings = factory.settings(context.getEnvironment().start());
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(750));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IOException("no folder above the working directory holds mvnw");
    }
}
