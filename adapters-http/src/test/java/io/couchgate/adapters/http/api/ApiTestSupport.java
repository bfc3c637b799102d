package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.FakeAccounts;
import io.couchgate.adapters.http.testing.MutableClock;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Shared set-up of the HTTP slice tests: a fresh fake application and full throttle buckets for each test. */
abstract class ApiTestSupport {

    static final String PASSWORD = "correct horse battery staple";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    FakeAccounts accounts;
    @Inject
    MutableClock clock;

    ApiClient api;

    @BeforeEach
    void freshState() {
        accounts.reset();
        clock.advance(Duration.ofDays(1)); // refills every throttle bucket
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
        assertThat(body).containsEntry("type", "https://couchgate.io/problems/" + kind)
                .containsEntry("status", status)
                .containsKeys("title", "detail");
        return body;
    }
}
