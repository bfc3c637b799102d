package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(rebuildContext = true)
class SecurityHeadersTest {

    private static final String PASSWORD = "violet-Tundra-93-quill-harbor";
    /** The pages' policy with no {@code couchgate.cors.allowed-origins}. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String CREDENTIALS = "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI(), json);
    }

    @Test
    void loginResponse_isNoStore_nosniff_andUnframeable() {
        assertThat(api.putJson("/api/users", CREDENTIALS).status()).isEqualTo(201);

        ApiClient.Response login = api.putJson("/api/sessions", CREDENTIALS);

        assertThat(login.status()).isEqualTo(201);
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertPageHeaders(login);
    }

    @Test
    void apiErrors_carryTheSameHeaders() {
        ApiClient.Response notFound = api.send(api.request("/api/nothing-here").GET());
        ApiClient.Response badLogin = api.putJson("/api/sessions", CREDENTIALS);

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(badLogin.status()).isEqualTo(401);
        for (ApiClient.Response response : new ApiClient.Response[] {notFound, badLogin}) {
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertPageHeaders(response);
        }
    }

    @Test
    void healthAndPathsOutsideApi_areUnframeable_nosniff_butCacheable() {
        ApiClient.Response health = api.send(api.request("/health").GET());
        ApiClient.Response rejected = api.send(api.request("/elsewhere").GET());

        assertThat(health.status()).isEqualTo(200);
        assertThat(rejected.status()).isEqualTo(401);
        for (ApiClient.Response response : new ApiClient.Response[] {health, rejected}) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Cache-Control")).isNull();
            assertPageHeaders(response);
        }
    }

    @Test
    void jsonDatabaseResponse_getsOnlyNosniff() {
        ApiClient.Response response = api.send(api.request("/database/_couchgate_probe_json")
                .header("Authorization", "Bearer abc.def.ghi").GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"probe\":\"database reached\"}");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.raw().headers().map()).doesNotContainKeys("x-frame-options", "content-security-policy",
                "referrer-policy", "cache-control");
    }

    @Test
    void nonJsonDatabaseResponse_isSandboxed_unframeable_andNosniff() {
        ApiClient.Response response = api.send(api.request("/database/_couchgate_probe")
                .header("Authorization", "Bearer abc.def.ghi").GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("database reached");
        assertThat(response.raw().headers().allValues("Content-Security-Policy"))
                .containsExactly("sandbox; default-src 'none'");
        assertThat(response.raw().headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(response.raw().headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.raw().headers().map()).doesNotContainKeys("referrer-policy", "cache-control");
    }

    @Test
    void sameHeaders_whateverTheMethod() {
        ApiClient.Response response = api.send(api.request("/api/users").method("DELETE",
                HttpRequest.BodyPublishers.noBody()));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    private static void assertPageHeaders(ApiClient.Response response) {
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.raw().headers().allValues("Content-Security-Policy")).containsExactly(PAGE_POLICY);
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
