package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.CountingLogIn;
import io.couchgate.adapters.http.testing.SwitchableAppUserRepository;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the HTTP slice tests. Each concrete class is {@code @MicronautTest(rebuildContext = true)}: every
 * test gets a fresh application (accounts, sessions, throttle buckets, clock).
 */
abstract class ApiTestSupport {

    static final String PASSWORD = "violet-Tundra-93-quill-harbor";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    FakeClock clock;
    @Inject
    SwitchableAppUserRepository users;
    @Inject
    InMemorySessionUserDirectory directory;
    @Inject
    InMemorySessionStore store;
    @Inject
    CountingLogIn logIns;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI(), json);
    }

    static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    void signUp(String username) {
        assertThat(api.putJson("/api/users", credentials(username, PASSWORD)).status()).isEqualTo(201);
    }

    String logIn(String username) {
        ApiClient.Response response = api.putJson("/api/sessions", credentials(username, PASSWORD));
        assertThat(response.status()).isEqualTo(201);
        return (String) response.body().get("token");
    }

    static Map<String, Object> assertProblem(ApiClient.Response response, int status, String kind) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        Map<String, Object> body = response.body();
        assertThat(body).containsEntry("type", "/problems/" + kind)
                .containsEntry("status", status)
                .containsKeys("title", "detail");
        return body;
    }
}
