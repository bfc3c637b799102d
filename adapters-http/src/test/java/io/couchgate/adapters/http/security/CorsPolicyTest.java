package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's decisions, as a relay without Micronaut would ask for them. */
class CorsPolicyTest {

    private static final String APP = "https://app.example";
    private final CorsPolicy policy = new CorsPolicy(AllowedOrigins.parse(List.of("https://App.Example:443",
            "http://localhost:5173")));

    @Test
    void allows_exactlyTheSerialisedOrigins() {
        assertThat(policy.allows(APP)).isTrue();
        assertThat(policy.allows("http://localhost:5173")).isTrue();
        for (String other : new String[] {"https://App.Example", "https://app.example:443", APP + "/",
                "http://app.example", "https://sub.app.example", "null", "*", "", null}) {
            assertThat(policy.allows(other)).as(other).isFalse();
        }
        assertThat(CorsPolicy.NONE.allows(APP)).isFalse();
    }

    @Test
    void isPreflight_needsOptionsOriginAndRequestMethod() {
        assertThat(CorsPolicy.isPreflight("OPTIONS", APP, "PUT")).isTrue();
        assertThat(CorsPolicy.isPreflight("OPTIONS", APP, null)).isFalse();
        assertThat(CorsPolicy.isPreflight("OPTIONS", null, "PUT")).isFalse();
        assertThat(CorsPolicy.isPreflight("PUT", APP, "PUT")).isFalse();
    }

    @Test
    void preflight_allowed_listsMethodsHeadersAndMaxAge() {
        CorsPolicy.Preflight answer = policy.preflight(APP, "COPY", List.of("Authorization, Destination", "if-match"));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.reason()).isNull();
        assertThat(answer.headers()).containsExactly(
                Map.entry("Access-Control-Allow-Origin", APP),
                Map.entry("Vary", "Origin"),
                Map.entry("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, COPY"),
                Map.entry("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Destination, If-Match"),
                Map.entry("Access-Control-Max-Age", "600"));
    }

    @Test
    void preflight_refused_saysWhy_andCarriesOnlyVary() {
        assertThat(policy.preflight("https://evil.example", "GET", List.of()))
                .isEqualTo(new CorsPolicy.Preflight(403, CorsPolicy.ORIGIN_REFUSED, Map.of("Vary", "Origin")));
        assertThat(policy.preflight(APP, "PATCH", List.of()).reason()).isEqualTo(CorsPolicy.METHOD_REFUSED);
        assertThat(policy.preflight(APP, "copy", List.of()).reason()).isEqualTo(CorsPolicy.METHOD_REFUSED);
        assertThat(policy.preflight(APP, "GET", List.of("authorization,cookie")).reason())
                .isEqualTo(CorsPolicy.HEADERS_REFUSED);
        assertThat(CorsPolicy.NONE.preflight(APP, "GET", List.of()).status()).isEqualTo(403);
    }

    @Test
    void addResponseHeaders_allowedOrigin_getsOriginExposeAndVary() {
        assertThat(added(policy, APP)).containsExactly("Vary: Origin", "Access-Control-Allow-Origin: " + APP,
                "Access-Control-Expose-Headers: Content-Length, ETag, Location, Retry-After, WWW-Authenticate");
    }

    @Test
    void addResponseHeaders_otherOrNoOrigin_getsOnlyVary_andNothingWithoutConfiguredOrigins() {
        assertThat(added(policy, "https://evil.example")).containsExactly("Vary: Origin");
        assertThat(added(policy, null)).containsExactly("Vary: Origin");
        assertThat(added(CorsPolicy.NONE, APP)).isEmpty();
    }

    @Test
    void isCorsResponseHeader_matchesAccessControlHeadersInAnyCase() {
        assertThat(CorsPolicy.isCorsResponseHeader("access-control-allow-origin")).isTrue();
        assertThat(CorsPolicy.isCorsResponseHeader("Access-Control-Expose-Headers")).isTrue();
        assertThat(CorsPolicy.isCorsResponseHeader("Vary")).isFalse();
        assertThat(CorsPolicy.isCorsResponseHeader("Access-Control")).isFalse();
    }

    private static List<String> added(CorsPolicy policy, String origin) {
        List<String> headers = new ArrayList<>();
        policy.addResponseHeaders(origin, (name, value) -> headers.add(name + ": " + value));
        return headers;
    }
}
