package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CORS under {@code /api} (issue 11), over raw HTTP so that {@code Host} and {@code Origin} are exactly what a
 * browser, or a reverse proxy in front of couchgate, sends.
 */
@MicronautTest
@Property(name = AllowedOriginsTestBeans.ORIGINS, value = CrossOriginApiTest.APP + "," + CrossOriginApiTest.VITE)
class CrossOriginApiTest {

    static final String APP = "https://app.example";
    static final String VITE = "http://localhost:5173";
    static final String EXPOSED = "Content-Length, ETag, Location, Retry-After, WWW-Authenticate";
    private static final String PASSWORD = "violet-Tundra-93-quill-harbor";

    @Inject
    EmbeddedServer server;

    @Test
    void preflightFromAllowedOrigin_isAnsweredWithoutToken_204_exactOrigin_methods_headers() throws IOException {
        RawExchange response = preflight(APP, "PUT", "content-type");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(response.header("Vary")).containsExactly("Origin");
        assertThat(response.header("Access-Control-Allow-Methods"))
                .containsExactly("GET, HEAD, POST, PUT, DELETE, COPY");
        assertThat(response.header("Access-Control-Allow-Headers"))
                .containsExactly("Accept, Authorization, Content-Type, Destination, If-Match");
        assertThat(response.header("Access-Control-Max-Age")).containsExactly("600");
        assertThat(response.header("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.header("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void preflightFromViteDevServer_forAnAuthenticatedDelete_isAllowed() throws IOException {
        RawExchange response = send("OPTIONS /api/sessions/current", "localhost:" + server.getPort(), VITE,
                List.of("Access-Control-Request-Method: DELETE",
                        "Access-Control-Request-Headers: accept,authorization"), null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).containsExactly(VITE);
    }

    @Test
    void preflightFromOtherOrigin_returns403Problem_withoutCorsHeaders() throws IOException {
        RawExchange response = preflight("https://evil.example", "PUT", "content-type");

        assertRefused(response, CorsPolicy.ORIGIN_REFUSED);
    }

    @Test
    void preflightFromTrailingSlashOrOtherPortOrNull_isRefused() throws IOException {
        for (String origin : List.of(APP + "/", APP + ":8443", "http://app.example", "null")) {
            assertRefused(preflight(origin, "PUT", "content-type"), CorsPolicy.ORIGIN_REFUSED);
        }
    }

    @Test
    void preflightForAnotherMethodOrHeader_returns403Problem() throws IOException {
        assertRefused(preflight(APP, "PATCH", "content-type"), CorsPolicy.METHOD_REFUSED);
        assertRefused(preflight(APP, "PUT", "content-type,x-requested-with"), CorsPolicy.HEADERS_REFUSED);
    }

    @Test
    void signUpFromAllowedOrigin_returns201_withAllowOriginVaryAndExposedHeaders() throws IOException {
        RawExchange response = signUp("localhost:" + server.getPort(), APP, "carol");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"username\":\"carol\"}");
        assertAllowed(response, APP);
    }

    @Test
    void couchgatesOwnErrors_carryTheCorsHeaders_soTheAppCanReadThem() throws IOException {
        RawExchange unauthorized = send("GET /api/sessions/current", "localhost:" + server.getPort(), APP,
                List.of(), null);
        RawExchange notFound = send("GET /api/nothing-here", "localhost:" + server.getPort(), APP, List.of(), null);
        RawExchange malformed = send("PUT /api/users", "localhost:" + server.getPort(), APP,
                List.of("Content-Type: application/json"), "{");

        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("WWW-Authenticate")).containsExactly("Bearer realm=\"couchgate\"");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        for (RawExchange response : List.of(unauthorized, notFound, malformed)) {
            assertThat(response.header("Content-Type")).containsExactly("application/problem+json");
            assertAllowed(response, APP);
        }
    }

    @Test
    void actualRequestFromOtherOrigin_isServed_withoutAllowOrigin_butVaryOrigin() throws IOException {
        RawExchange response = signUp("localhost:" + server.getPort(), "https://evil.example", "dave");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.header("Access-Control-Expose-Headers")).isEmpty();
        assertThat(response.header("Vary")).containsExactly("Origin");
    }

    /**
     * nginx's default {@code proxy_set_header Host $proxy_host} hands couchgate its own loopback address as
     * {@code Host}, while the browser's {@code Origin} names the public site: Micronaut's drive-by-localhost check
     * answered such writes 403 with an empty body, the app's own pages included.
     */
    @Test
    void behindAProxyThatRewritesHostToLoopback_writesOfTheAppsOwnPages_areServed() throws IOException {
        RawExchange response = signUp("127.0.0.1:" + server.getPort(), "https://couchgate.example", "erin");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"username\":\"erin\"}");
    }

    @Test
    void behindAProxyThatPassesItsOwnHost_writesFromAnAllowedOrigin_areServedWithCorsHeaders() throws IOException {
        RawExchange response = signUp("couchgate.example", APP, "frank");

        assertThat(response.status()).isEqualTo(201);
        assertAllowed(response, APP);
    }

    @Test
    void logInFromAllowedOriginThroughALoopbackHost_returnsTheToken_readableByTheApp() throws IOException {
        String host = "127.0.0.1:" + server.getPort();
        assertThat(signUp(host, APP, "grace").status()).isEqualTo(201);

        RawExchange login = send("PUT /api/sessions", host, APP, List.of("Content-Type: application/json"),
                credentials("grace"));

        assertThat(login.status()).isEqualTo(201);
        assertThat(login.body()).contains("\"tokenType\":\"Bearer\"");
        assertAllowed(login, APP);
    }

    private static void assertAllowed(RawExchange response, String origin) {
        assertThat(response.header("Access-Control-Allow-Origin")).containsExactly(origin);
        assertThat(response.header("Access-Control-Expose-Headers")).containsExactly(EXPOSED);
        assertThat(response.header("Vary")).containsExactly("Origin");
        assertThat(response.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    private static void assertRefused(RawExchange response, String reason) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).containsExactly("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"type\":\"/problems/cors-refused\","
                + "\"title\":\"Cross-origin request refused\",\"status\":403,\"detail\":\"" + reason + "\"}");
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(response.header("Vary")).containsExactly("Origin");
    }

    private RawExchange preflight(String origin, String method, String headers) throws IOException {
        return send("OPTIONS /api/users", "localhost:" + server.getPort(), origin,
                List.of("Access-Control-Request-Method: " + method, "Access-Control-Request-Headers: " + headers),
                null);
    }

    private RawExchange signUp(String host, String origin, String username) throws IOException {
        return send("PUT /api/users", host, origin, List.of("Content-Type: application/json"), credentials(username));
    }

    private RawExchange send(String head, String host, String origin, List<String> more, String body)
            throws IOException {
        List<String> headers = new ArrayList<>(List.of("Host: " + host, "Origin: " + origin,
                "Accept: application/json"));
        headers.addAll(more);
        return RawExchange.send(server.getPort(), head, headers, body);
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }
}
