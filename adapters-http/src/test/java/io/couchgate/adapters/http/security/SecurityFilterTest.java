package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** micronaut-security's filter is active, yet passes /api, /database and /health to their own authentication. */
@MicronautTest
class SecurityFilterTest {

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
    void healthWithoutCredentials_isNotBlockedByTheSecurityFilter() {
        ApiClient.Response response = api.send(api.request("/health").GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("health reached");
    }

    @Test
    void databaseWithBearerTokenTheFilterCannotVerify_isNotBlockedByTheSecurityFilter() {
        ApiClient.Response response = api.withBearer("GET", "/database/_couchgate_probe", "abc.def.ghi");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("database reached");
    }

    @Test
    void aPathOutsideThem_isStillRejectedByTheSecurityFilter() {
        ApiClient.Response response = api.send(api.request("/elsewhere").GET());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text()).doesNotContain("elsewhere reached");
    }

    @Test
    void aSecuredRouteWithoutCredentials_isStillRejectedByTheSecurityFilter() {
        ApiClient.Response response = api.send(api.request("/authenticated-only").GET());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text()).doesNotContain("authenticated reached");
    }

    /** No route there: Micronaut's own 404 (its JSON error body), not the filter's 401 (nothing to log in for). */
    @ParameterizedTest
    @CsvSource({"GET, /nope", "GET, /metrics", "GET, /", "POST, /nope", "DELETE, /metrics/x", "GET, /apix",
        "GET, /healthz", "GET, /elsewhere/x", "PUT, /index.html"})
    void aPathWithNoRouteOutsideThem_isAnswered404_notTheFilters401(String method, String path) {
        ApiClient.Response response = api.send(api.request(path).method(method,
                java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.text()).isEqualTo("{\"_links\":{\"self\":[{\"href\":\"" + path + "\",\"templated\":false}]},"
                + "\"_embedded\":{\"errors\":[{\"message\":\"Page Not Found\"}]},\"message\":\"Not Found\"}");
    }

    @ParameterizedTest
    @CsvSource({"/api, true", "/api/users, true", "/database, true", "/database/posts/_all_docs, true",
        "/health, true", "/apix, false", "/databases, false", "/healthz, false", "/, false", "/login, false"})
    void selfAuthenticatedPaths_areExactlyTheThreePrefixes(String path, boolean expected) {
        assertThat(SelfAuthenticatedPathsRule.isSelfAuthenticated(path)).isEqualTo(expected);
    }

    @Test
    void unknownPathUnderApi_isAnswered404NotTheFilters401_asAProblem() {
        ApiClient.Response response = api.send(api.request("/api/nothing-here").GET());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.body()).containsEntry("type", "/problems/not-found")
                .containsEntry("status", 404);
    }
}
