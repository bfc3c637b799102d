package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 401 and 403 are answered by couchgate alone: the counting upstream stub must see no request at all. */
class DatabaseProxyAccessTest extends ProxyOverStub {

    private static final String UNAUTHORIZED_NO_TOKEN =
            "{\"error\":\"unauthorized\",\"reason\":\"Send a session token as Authorization: Bearer <token>.\"}";
    private static final String UNAUTHORIZED_BAD_TOKEN =
            "{\"error\":\"unauthorized\",\"reason\":\"The session token is invalid, expired or revoked.\"}";
    private static final String FORBIDDEN =
            "{\"error\":\"forbidden\",\"reason\":\"This path cannot be reached through couchgate.\"}";

    @AfterEach
    void restoreSession() {
        proxy.sessions().restore();
    }

    @Test
    void requestWithoutToken_returns401_andNeverContactsCouchDb() throws Exception {
        RawResponse response = proxy.send("GET", "/database/posts/doc", List.of(), null);

        assertUnauthorized(response, UNAUTHORIZED_NO_TOKEN);
    }

    @Test
    void requestWithUnknownToken_returns401_andNeverContactsCouchDb() throws Exception {
        RawResponse response = proxy.send("GET", "/database/posts/doc",
                List.of("Authorization: Bearer not-a-session"), null);

        assertUnauthorized(response, UNAUTHORIZED_BAD_TOKEN);
    }

    @Test
    void requestWithRevokedSession_returns401_andNeverContactsCouchDb() throws Exception {
        proxy.sessions().revoke(FakeSessions.TOKEN);

        RawResponse response = proxy.sendAuthenticated("PUT", "/database/posts/doc",
                List.of("Content-Type: application/json"), "{}");

        assertUnauthorized(response, UNAUTHORIZED_BAD_TOKEN);
    }

    @Test
    void requestWithEmptyBearerOrOtherScheme_returns401_withInvalidToken_andNeverContactsCouchDb() throws Exception {
        for (String authorization : List.of("Bearer ", "Bearer", "Basic YWRtaW46YWRtaW4=", "Token " + FakeSessions.TOKEN,
                FakeSessions.TOKEN)) {
            RawResponse response = proxy.send("GET", "/database/posts/doc",
                    List.of("Authorization: " + authorization), null);
            assertUnauthorized(response, UNAUTHORIZED_BAD_TOKEN);
        }
    }

    @Test
    void twoAuthorizationHeaders_return401_withInvalidToken_andNeverContactCouchDb() throws Exception {
        RawResponse response = proxy.send("GET", "/database/posts/doc", List.of(
                "Authorization: Bearer " + FakeSessions.TOKEN, "Authorization: Basic YWRtaW46YWRtaW4="), null);

        assertUnauthorized(response, UNAUTHORIZED_BAD_TOKEN);
    }

    @Test
    void forbiddenPathWithoutToken_returns401_notRevealingThePathRules() throws Exception {
        RawResponse response = proxy.send("GET", "/database/_users/_all_docs", List.of(), null);

        assertUnauthorized(response, UNAUTHORIZED_NO_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/database/_users", "/database/_users/org.couchdb.user:alice", "/database/_replicator",
        "/database/app_users/_all_docs", "/database/_config", "/database/_node/_local/_config/admins/x",
        "/database/_session", "/database/_all_dbs", "/database/_replicate", "/database/_utils",
        "/database/_membership", "/database/_scheduler/jobs", "/database/_active_tasks", "/database/_dbs",
        "/database/_reshard", "/database/_cluster_setup", "/database/_uuids", "/database/unknown/doc",
        "/database/POSTS/doc", "/database/posts%2F..%2F_users",
        "/database/posts/../_users", "/database/posts/%2e%2e/_users", "/database/posts/%2E%2e%2f_users",
        "/database/posts/%2E%2E/_users", "/database/posts/.%2e/_users", "/database/posts/./doc",
        "/database/posts/%2e/doc", "/database/posts/%252e%252e/_users", "/database/posts/%252e%252e%252f_users",
        "/database/posts/doc%2F..%2F..%2F_users", "/database/posts/a%2F%2E%2E", "/database/posts/..;x/_users",
        "/database/..", "/database/%2e%2e/_users", "/database/%2e%2e%2f_users", "/database/../_users",
        "/database//_users", "/database//posts/doc", "/database/posts//doc",
        "/database/posts/%5C..%5C_users", "/database/posts/doc%00", "/database/posts%00",
        "/database/posts/doc%0A", "/database/posts/doc%7F", "/database/p%6fsts%2500/doc",
        "/database/%25posts/doc", "/database/posts%2500", "/database/posts/%C3", "/database/posts/%C3%28",
        "/database/posts/%2e%2e%5c_users", "/database/posts;x/doc"})
    void forbiddenPath_returns403_andNeverContactsCouchDb(String target) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", target, List.of(), null);

        assertThat(response.status()).as(target).isEqualTo(403);
        assertThat(response.bodyText()).isEqualTo(FORBIDDEN);
        assertThat(response.header("content-type")).containsExactly("application/json");
        assertThat(couchDb.requests()).isEmpty();
    }

    /**
     * Targets that java.net.URI cannot parse (raw backslash, bad escape, raw {@code |}) never reach the proxy filter:
     * couchgate's connection layer refuses them before routing, with CouchDB's {@code bad_request}, and nothing
     * reaches CouchDB.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/database/posts\\..\\_users", "/database/posts/%zz", "/database/posts/a|b",
        "/database/posts/doc?x=%zz"})
    void unparseableTarget_isRefusedBeforeTheProxy_andNeverContactsCouchDb(String target) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", target, List.of(), null);

        assertThat(response.status()).as(target).isEqualTo(400);
        assertThat(response.bodyText()).isEqualTo(MalformedRequestShapesTest.COUCH_BAD_REQUEST);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void trace_returns403_soTheSessionCredentialsAreNeverEchoed() throws Exception {
        RawResponse response = proxy.sendAuthenticated("TRACE", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.bodyText()).isEqualTo(FORBIDDEN);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void writeToServerRoot_returns403_andNeverContactsCouchDb() throws Exception {
        RawResponse response = proxy.sendAuthenticated("PUT", "/database/", List.of(), "{}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(couchDb.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /database/posts/doc", "PUT /database/posts/carol:doc", "GET /database/posts/_changes",
        "GET /database/posts/_local/x", "GET /database/_session", "POST /database/posts/_bulk_docs"})
    void sessionOpenedWithAOneTimePassword_gets403PasswordChangeRequired_andNeverContactsCouchDb(String call)
            throws Exception {
        for (boolean uncached : new boolean[] {false, true}) {
            proxy.sessions().cacheNothing(uncached);
            String[] parts = call.split(" ");
            RawResponse response = proxy.send(parts[0], parts[1], List.of("Authorization: Bearer "
                    + FakeSessions.ONE_TIME_TOKEN, "Content-Type: application/json"), "{\"docs\":[]}");

            assertThat(response.status()).as(call).isEqualTo(403);
            assertThat(response.header("content-type")).containsExactly("application/json");
            assertThat(response.bodyText()).as(call).isEqualTo("{\"error\":\"forbidden\",\"reason\":"
                    + "\"password change required: PUT /api/users/current/password\"}");
        }
        proxy.sessions().cacheNothing(false);
        assertThat(couchDb.requests()).isEmpty();
    }

    /** Without an Authorization header the challenge has no error code; with any it refuses, it says invalid_token. */
    private static void assertUnauthorized(RawResponse response, String body) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).isEqualTo(body);
        assertThat(response.header("content-type")).containsExactly("application/json");
        assertThat(response.header("www-authenticate")).containsExactly(body.equals(UNAUTHORIZED_NO_TOKEN)
                ? "Bearer realm=\"couchgate\"" : "Bearer realm=\"couchgate\", error=\"invalid_token\"");
        assertThat(couchDb.requests()).isEmpty();
    }
}
