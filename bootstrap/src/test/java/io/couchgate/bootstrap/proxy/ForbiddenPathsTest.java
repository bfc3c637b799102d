package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No spelling of a server-admin path, another database or a path escape gets through (architecture flow 5: refuse
 * server-admin paths), and client-supplied credentials or proxy-authentication headers (docs.couchdb.org
 * api/server/authn.html#proxy-authentication) never change who the request acts as. The relay counts what reached
 * CouchDB.
 */
class ForbiddenPathsTest extends StackWithAlice {

    private static final String FORBIDDEN =
            "{\"error\":\"forbidden\",\"reason\":\"This path cannot be reached through couchgate.\"}";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/database/_users", "/database/_users/_all_docs", "/database/_replicator", "/database/app_users",
        "/database/app_users/user:alice", "/database/_config", "/database/_node/_local/_config",
        "/database/_session", "/database/_all_dbs", "/database/_utils", "/database/_utils/", "/database/_membership",
        "/database/unknown_db", "/database/Posts", "/database/posts/../_users", "/database/posts/..%2f_users",
        "/database/%2e%2e/_users", "/database/posts/%2E%2e%2f_users", "/database/%252e%252e/_users",
        "/database/posts/%252e%252e%252f_users", "/database//_users",
        "/database/posts%5c..%5c_users", "/database/posts/%5C..%5C_users",
        "/database/posts%00", "/database/posts/doc%00", "/database/posts/_all_docs%00", "/database/./posts",
        "/database/posts/./doc", "/database/posts/..;/_users", "/database/%5f_users",
        "/database/posts/_index/_design%2Fcouchgate/json/pwn", "/database/posts/_changes?filter=couchgate/nope",
        "/database/posts/_security", "/database/posts/_purge"})
    void forbiddenSpelling_isRefusedWith403_andNeverReachesCouchDb(String target) {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            int before = stack.relay().requestCount();
            byte[] body = method.equals("PUT") ? bytes("{\"owner\":\"alice\"}") : null;

            RawResponse response = stack.through(method, target, alice, json(), body);

            assertThat(response.status()).as(method + " " + target).isEqualTo(403);
            assertThat(response.bodyText()).isEqualTo(FORBIDDEN);
            assertThat(response.header("content-type")).contains("application/json");
            assertThat(stack.relay().requestCount()).as("requests that reached CouchDB").isEqualTo(before);
        }
    }

    @Test
    void securityReviewRequests_areRefused_andTheOwnerWriteValidatorStillHolds() {
        int before = stack.relay().requestCount();
        String index = "{\"index\":{\"fields\":[\"owner\"]},\"ddoc\":\"couchgate\",\"type\":\"json\"}";

        RawResponse rewrite = stack.through("POST", "/database/posts/_index", alice, json(), bytes(index));
        RawResponse dropDatabase = stack.through("DELETE", "/database/posts", alice, json(), null);

        assertThat(List.of(rewrite.status(), dropDatabase.status())).containsExactly(403, 403);
        assertThat(rewrite.bodyText()).isEqualTo(dropDatabase.bodyText()).isEqualTo(FORBIDDEN);
        assertThat(stack.relay().requestCount()).as("requests that reached CouchDB").isEqualTo(before);
        RawResponse othersDoc = stack.through("PUT", "/database/posts/bob:after-review", alice, json(),
                bytes("{\"owner\":\"bob\"}"));
        assertThat(othersDoc.status()).isEqualTo(403);
        assertThat(stack.parse(othersDoc.bodyText())).containsEntry("error", "forbidden");
        assertThat(othersDoc.bodyText()).as("CouchDB's validator, not the proxy").isNotEqualTo(FORBIDDEN);
    }

    /**
     * A raw backslash is not a URI character (RFC 3986): couchgate's connection layer ({@code RequestRefusal})
     * refuses it before the proxy sees it, with CouchDB's own 400 body ({@code error_info} in {@code chttpd.erl}).
     * CouchDB is never asked, so the answer is the same on CouchDB and on the dev server. The encoded spellings
     * ({@code %5c}) get the proxy's 403 above.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/database/posts\\..\\_users", "/database/posts/..\\_users", "/database/posts/a\\b"})
    void rawBackslash_isRefusedWith400_andNeverReachesCouchDb(String target) {
        int before = stack.relay().requestCount();

        RawResponse response = stack.through("GET", target, alice, json(), null);

        assertThat(response.status()).as(target).isEqualTo(400);
        assertThat(response.bodyText())
                .isEqualTo("{\"error\":\"bad_request\",\"reason\":\"The request cannot be parsed.\"}");
        assertThat(stack.relay().requestCount()).as("requests that reached CouchDB").isEqualTo(before);
    }

    @Test
    void anotherAuthorizationHeaderNextToTheToken_isRefusedWith401_andNeverReachesCouchDb() {
        int before = stack.relay().requestCount();
        Map<String, String> headers = new LinkedHashMap<>(json());
        headers.put("authorization", stack.adminAuthorization()); // a second header line beside the Bearer one

        RawResponse withBoth = stack.through("GET", "/database/posts/_all_docs", alice, headers, null);
        RawResponse basicOnly = RawHttp.send(stack.couchgatePort(), "GET", "/database/posts/_all_docs", headers, null);

        assertThat(withBoth.status()).isEqualTo(401);
        assertThat(stack.parse(withBoth.bodyText())).containsEntry("error", "unauthorized");
        assertThat(basicOnly.status()).isEqualTo(401);
        assertThat(stack.parse(basicOnly.bodyText())).containsEntry("error", "unauthorized");
        assertThat(stack.relay().requestCount()).isEqualTo(before);
    }

    @Test
    void proxyAuthenticationAndForwardingHeaders_areStripped_andTheRequestActsAsTheSessionUser() {
        Map<String, String> spoofing = new LinkedHashMap<>(json());
        spoofing.put("X-Auth-CouchDB-UserName", "admin");
        spoofing.put("X-Auth-CouchDB-Roles", "_admin");
        spoofing.put("X-Auth-CouchDB-Token", "0123456789abcdef");
        spoofing.put("X-Forwarded-Host", "evil.example");
        spoofing.put("Cookie", "AuthSession=YWRtaW46NjVGMjM2NzQ6");
        String designDoc = "{\"validate_doc_update\":\"function(){}\"}";

        RawResponse spoofedDesign = stack.through("PUT", "/database/posts/_design/evil", alice, spoofing,
                bytes(designDoc));
        RawResponse plainDesign = stack.through("PUT", "/database/posts/_design/evil", alice, json(),
                bytes(designDoc));
        RawResponse spoofedOtherOwner = stack.through("PUT", "/database/posts/bob:not-mine", alice, spoofing,
                bytes("{\"owner\":\"bob\"}"));
        RawResponse spoofedOwn = stack.through("PUT", "/database/posts/alice:mine", alice, spoofing,
                bytes("{\"owner\":\"alice\"}"));

        // The proxy refuses design-document writes itself, spoofed headers or not (CouchDB would answer 401)
        assertThat(spoofedDesign.status()).isEqualTo(plainDesign.status()).isEqualTo(403);
        assertThat(spoofedDesign.bodyText()).isEqualTo(plainDesign.bodyText()).isEqualTo(FORBIDDEN);
        assertThat(spoofedOtherOwner.status()).isEqualTo(403);
        assertThat(stack.parse(spoofedOtherOwner.bodyText())).containsEntry("error", "forbidden");
        assertThat(spoofedOwn.status()).isEqualTo(201);
        List<String> upstreamHead = lastHead("PUT /posts/alice:mine HTTP/1.1");
        assertThat(upstreamHead).noneMatch(h -> lower(h).startsWith("x-auth-couchdb-"))
                .noneMatch(h -> lower(h).startsWith("x-forwarded-")).noneMatch(h -> lower(h).startsWith("cookie:"));
        List<String> authorization = upstreamHead.stream().filter(h -> lower(h).startsWith("authorization:"))
                .map(h -> h.substring("authorization:".length()).trim()).toList();
        assertThat(authorization).hasSize(1);
        assertThat(authorization.get(0)).startsWith("Basic ");
        String user = new String(java.util.Base64.getDecoder().decode(authorization.get(0).substring(6)),
                java.nio.charset.StandardCharsets.UTF_8).split(":")[0];
        assertThat(user).as("the session user's CouchDB name").matches("users/[0-9a-f-]{36}/alice/[0-9a-f]{64}");
    }

    private static List<String> lastHead(String requestLine) {
        List<List<String>> heads = stack.relay().requestHeads();
        for (int i = heads.size() - 1; i >= 0; i--) {
            if (heads.get(i).get(0).equals(requestLine)) {
                return heads.get(i);
            }
        }
        throw new AssertionError("CouchDB never received " + requestLine);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
