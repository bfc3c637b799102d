package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CORS under {@code /database} (issue 11): preflights are answered by couchgate, without a token, and the counting
 * stub playing CouchDB never sees one; actual answers, CouchDB's and couchgate's own errors alike, carry the CORS
 * headers for an allowed origin and only for it. {@code RawHttpClient} sends {@code Host: localhost}, so every
 * request from {@link #APP} is also one Micronaut's drive-by-localhost check answered 403 before.
 */
class DatabaseProxyCorsTest {

    private static final String APP = "https://app.example";
    private static final String EXPOSED = "Content-Length, ETag, Location, Retry-After, WWW-Authenticate";
    private static final String ORIGIN_REFUSED = "{\"error\":\"forbidden\",\"reason\":\"This origin may not call "
            + "couchgate: it is not one of couchgate.cors.allowed-origins.\"}";

    private static UpstreamStub couchDb;
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start() throws Exception {
        couchDb = new UpstreamStub();
        proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10),
                Map.of("test.allowed-origins", List.of(APP, "http://127.0.0.1:5174")));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        couchDb.close();
    }

    @BeforeEach
    void resetStub() {
        couchDb.reset();
    }

    @Test
    void preflightForCopy_isAnsweredWithoutToken_204_andNeverReachesCouchDb() throws Exception {
        RawResponse response = proxy.send("OPTIONS", "/database/posts/alice:note-1", List.of("Origin: " + APP,
                "Access-Control-Request-Method: COPY", "Access-Control-Request-Headers: authorization,destination"),
                null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("access-control-allow-origin")).containsExactly(APP);
        assertThat(response.header("vary")).containsExactly("Origin");
        assertThat(response.header("access-control-allow-methods"))
                .containsExactly("GET, HEAD, POST, PUT, DELETE, COPY");
        assertThat(response.header("access-control-allow-headers"))
                .containsExactly("Accept, Authorization, Content-Type, Destination, If-Match");
        assertThat(response.header("access-control-allow-credentials")).isEmpty();
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void preflightsOfAPouchDbSync_areAnswered_andNeverReachCouchDb() throws Exception {
        for (String target : List.of("/database/posts/", "/database/posts/_changes?feed=longpoll&since=0",
                "/database/posts/_bulk_docs", "/database/posts/_local/abc", "/database/_users/x")) {
            RawResponse response = proxy.send("OPTIONS", target, List.of("Origin: http://127.0.0.1:5174",
                    "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: accept, authorization, content-type"), null);
            assertThat(response.status()).as(target).isEqualTo(204);
            assertThat(response.header("access-control-allow-origin")).containsExactly("http://127.0.0.1:5174");
        }
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void preflightFromOtherOrigin_returns403CouchStyle_andNeverReachesCouchDb() throws Exception {
        RawResponse response = proxy.send("OPTIONS", "/database/posts/doc", List.of("Origin: https://evil.example",
                "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: authorization"), null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("content-type")).containsExactly("application/json");
        assertThat(response.bodyText()).isEqualTo(ORIGIN_REFUSED);
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void preflightForAnotherHeader_returns403CouchStyle() throws Exception {
        RawResponse response = proxy.send("OPTIONS", "/database/posts/doc", List.of("Origin: " + APP,
                "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: x-auth-couchdb-username"),
                null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"forbidden\",\"reason\":\"A requested header is not "
                + "allowed across origins; allowed are Accept, Authorization, Content-Type, Destination, If-Match and "
                + "the CORS-safelisted ones.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void optionsWithoutRequestMethod_isNoPreflight_andNeedsAToken() throws Exception {
        RawResponse response = proxy.send("OPTIONS", "/database/posts/doc", List.of("Origin: " + APP), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("access-control-allow-origin")).containsExactly(APP);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void couchDbsAnswer_toAnAllowedOrigin_carriesCouchgatesCorsHeaders_andNotCouchDbs() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"1-abc\"");
            exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
            exchange.getResponseHeaders().add("Access-Control-Expose-Headers", "X-Couch-Request-ID");
            UpstreamStub.respond(exchange, 200, "{\"_id\":\"doc\",\"_rev\":\"1-abc\"}");
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of("Origin: " + APP), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"_id\":\"doc\",\"_rev\":\"1-abc\"}");
        assertThat(response.header("etag")).containsExactly("\"1-abc\"");
        assertThat(response.header("access-control-allow-origin")).containsExactly(APP);
        assertThat(response.header("access-control-expose-headers")).containsExactly(EXPOSED);
        assertThat(response.header("access-control-allow-credentials")).isEmpty();
        assertThat(response.header("vary")).containsExactlyInAnyOrder("Accept-Encoding", "Origin");
        assertThat(couchDb.onlyRequest().headers().get("origin")).containsExactly(APP);
    }

    @Test
    void couchgatesOwn401And403_toAnAllowedOrigin_carryTheCorsHeaders() throws Exception {
        RawResponse unauthorized = proxy.send("GET", "/database/posts/doc", List.of("Origin: " + APP), null);
        RawResponse forbidden = proxy.sendAuthenticated("GET", "/database/posts/_security",
                List.of("Origin: " + APP), null);

        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("www-authenticate")).containsExactly("Bearer realm=\"couchgate\"");
        assertThat(forbidden.status()).isEqualTo(403);
        for (RawResponse response : List.of(unauthorized, forbidden)) {
            assertThat(response.header("access-control-allow-origin")).containsExactly(APP);
            assertThat(response.header("access-control-expose-headers")).containsExactly(EXPOSED);
            assertThat(response.header("vary")).containsExactly("Origin");
        }
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void answerToAnotherOrigin_isServed_withoutCorsHeaders_butVaryOrigin() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            UpstreamStub.respond(exchange, 200, "{\"ok\":true}");
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc",
                List.of("Origin: https://evil.example"), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(response.header("vary")).containsExactly("Origin");
    }

    @Test
    void withoutConfiguredOrigins_preflightsAreRefused_andAnswersCarryNoCorsHeader() throws Exception {
        try (ProxyUnderTest sameOriginOnly = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10))) {
            RawResponse preflight = sameOriginOnly.send("OPTIONS", "/database/posts/doc", List.of("Origin: " + APP,
                    "Access-Control-Request-Method: GET"), null);
            List<String> headers = new ArrayList<>(List.of("Origin: " + APP));
            RawResponse actual = sameOriginOnly.sendAuthenticated("GET", "/database/posts/doc", headers, null);

            assertThat(preflight.status()).isEqualTo(403);
            assertThat(preflight.bodyText()).isEqualTo(ORIGIN_REFUSED);
            assertThat(actual.status()).isEqualTo(200);
            assertThat(actual.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
            assertThat(actual.header("vary")).isEmpty();
        }
        assertThat(couchDb.onlyRequest().method()).isEqualTo("GET");
    }
}
