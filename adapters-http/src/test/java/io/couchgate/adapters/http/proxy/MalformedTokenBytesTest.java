package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real session token with raw bytes around or inside it, sent byte for byte in the {@code Authorization} header:
 * refused with 401 under {@code /api} and under {@code /database} (where CouchDB is never asked), because a token is
 * exactly the JWS compact serialization (RFC 7515, section 7.1). The same one rule for the header on both paths:
 * exactly one {@code Authorization} header, {@code Bearer} in any case and one space (RFC 6750, section 2.1); any
 * other header gets {@code error="invalid_token"}, none at all a challenge without error code (section 3.1). Login
 * and token checks run through the real services; CouchDB is a stub.
 */
class MalformedTokenBytesTest {

    private static final String PASSWORD = "violet-Tundra-93-quill-harbor";
    private static final String COUCHGATE_401 =
            "{\"error\":\"unauthorized\",\"reason\":\"The session token is invalid, expired or revoked.\"}";
    /** UTF-8 {@code é} (C3 A9) then the byte FF, never valid UTF-8. */
    private static final byte[] APPENDED = {(byte) 0xC3, (byte) 0xA9, (byte) 0xFF};

    private static UpstreamStub couchDb;
    private static ProxyUnderTest proxy;
    private static String token;

    @BeforeAll
    static void start() throws IOException {
        couchDb = new UpstreamStub();
        proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10), Map.of(ProxyTestBeans.REAL_SESSIONS, true));
        ApiClient api = new ApiClient(URI.create("http://localhost:" + proxy.port()),
                proxy.context().getBean(JsonMapper.class));
        String credentials = "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(api.putJson("/api/users", credentials).status()).isEqualTo(201);
        ApiClient.Response login = api.putJson("/api/sessions", credentials);
        assertThat(login.status()).isEqualTo(201);
        token = (String) login.body().get("token");
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
    void theTokenAsIssued_isAccepted_underApiAndDatabase() throws IOException {
        assertThat(get("/api/sessions/current", bytes(token)).status()).isEqualTo(200);
        RawResponse proxied = get("/database/posts/alice:doc", bytes(token));

        assertThat(proxied.status()).isEqualTo(200);
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo("/posts/alice:doc");
    }

    @Test
    void tokenWithRawNonUtf8BytesAppended_returns401_underApi() throws IOException {
        RawResponse response = get("/api/sessions/current", concat(bytes(token), APPENDED));

        assertApiRefusal(response);
    }

    @Test
    void tokenWithRawNonUtf8BytesAppended_returns401_underDatabase_withoutAskingCouchDb() throws IOException {
        RawResponse response = get("/database/posts/alice:doc", concat(bytes(token), APPENDED));

        assertDatabaseRefusal(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{t}=", "{t}==", "{h}=.{p}.{s}", "{h}.{p}.{s1} {s2}", "{h}.{p}.{s1}\t{s2}", "{t}.{s}",
        "{h}.{p}.{s}.", "{h}.{p}.{s}%41"})
    void misshapenToken_returns401_underApiAndDatabase(String shape) throws IOException {
        String[] parts = token.split("\\.");
        String mangled = shape.replace("{t}", token).replace("{h}", parts[0]).replace("{p}", parts[1])
                .replace("{s1}", parts[2].substring(0, 20)).replace("{s2}", parts[2].substring(20))
                .replace("{s}", parts[2]);

        assertApiRefusal(get("/api/sessions/current", bytes(mangled)));
        assertDatabaseRefusal(get("/database/posts/alice:doc", bytes(mangled)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void schemeInAnyCase_isAccepted_underApiAndDatabase(String scheme) throws IOException {
        byte[] header = bytes("Authorization: " + scheme + " " + token + "\r\n");

        assertThat(getWithHeaders("/api/sessions/current", header).status()).isEqualTo(200);
        assertThat(getWithHeaders("/database/posts/alice:doc", header).status()).isEqualTo(200);
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo("/posts/alice:doc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer  {t}", "Bearer\t{t}", "Bearer{t}", "Token {t}", "Basic YWxpY2U6cGFzc3dvcmQ=",
        "Bearer", "Bearer {t}!", "Bearer {t} x", "Bearer {t},Bearer {t}", "Bearer a.b.c.d", "Bearer a..c"})
    void anyOtherAuthorizationValue_returns401_withInvalidToken_underApiAndDatabase(String value) throws IOException {
        byte[] header = bytes("Authorization: " + value.replace("{t}", token) + "\r\n");

        assertApiRefusal(getWithHeaders("/api/sessions/current", header));
        assertDatabaseRefusal(getWithHeaders("/database/posts/alice:doc", header));
    }

    @Test
    void twoAuthorizationHeaders_evenWithTheValidTokenTwice_return401_withInvalidToken() throws IOException {
        byte[] line = bytes("Authorization: Bearer " + token + "\r\n");
        byte[] twice = concat(line, line);

        assertApiRefusal(getWithHeaders("/api/sessions/current", twice));
        assertDatabaseRefusal(getWithHeaders("/database/posts/alice:doc", twice));
    }

    @Test
    void validTokenBesideABasicHeader_returns401_withInvalidToken() throws IOException {
        byte[] both = concat(bytes("Authorization: Bearer " + token + "\r\n"),
                bytes("Authorization: Basic YWxpY2U6cGFzc3dvcmQ=\r\n"));

        assertApiRefusal(getWithHeaders("/api/sessions/current", both));
        assertDatabaseRefusal(getWithHeaders("/database/posts/alice:doc", both));
    }

    @Test
    void missingAuthorization_returns401_withAChallengeWithoutErrorCode_underApiAndDatabase() throws IOException {
        RawResponse api = getWithHeaders("/api/sessions/current", new byte[0]);
        RawResponse database = getWithHeaders("/database/posts/alice:doc", new byte[0]);

        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("content-type")).containsExactly("application/problem+json");
        assertThat(api.bodyText()).contains("\"type\":\"/problems/unauthorized\"");
        assertThat(api.header("www-authenticate")).containsExactly("Bearer realm=\"couchgate\"");
        assertThat(database.status()).isEqualTo(401);
        assertThat(database.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"Send a session token as "
                + "Authorization: Bearer <token>.\"}");
        assertThat(database.header("www-authenticate")).containsExactly("Bearer realm=\"couchgate\"");
        assertThat(couchDb.requests()).isEmpty();
    }

    private static void assertApiRefusal(RawResponse response) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(401);
        assertThat(response.header("content-type")).containsExactly("application/problem+json");
        assertThat(response.bodyText()).contains("\"type\":\"/problems/unauthorized\"");
        assertThat(response.header("www-authenticate"))
                .containsExactly("Bearer realm=\"couchgate\", error=\"invalid_token\"");
    }

    private static void assertDatabaseRefusal(RawResponse response) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(401);
        assertThat(response.bodyText()).isEqualTo(COUCHGATE_401);
        assertThat(response.header("www-authenticate"))
                .containsExactly("Bearer realm=\"couchgate\", error=\"invalid_token\"");
        assertThat(couchDb.requests()).isEmpty();
    }

    /** GET with {@code Authorization: Bearer } followed by {@code token} exactly as given, byte for byte. */
    private static RawResponse get(String target, byte[] token) throws IOException {
        return getWithHeaders(target, concat(concat(bytes("Authorization: Bearer "), token), bytes("\r\n")));
    }

    /** GET with {@code headerLines} (each ending in CRLF, or none) exactly as given, byte for byte. */
    private static RawResponse getWithHeaders(String target, byte[] headerLines) throws IOException {
        byte[] head = bytes("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.sendRaw(concat(concat(head, headerLines), bytes("\r\n")));
            RawResponse response = client.readHead();
            return new RawResponse(response.status(), response.headers(), client.readBody(response));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
