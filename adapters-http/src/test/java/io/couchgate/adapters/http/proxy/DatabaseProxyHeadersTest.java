package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseProxyHeadersTest extends ProxyOverStub {

    private static final String SESSION_BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (FakeSessions.CREDENTIALS.name() + ":" + FakeSessions.CREDENTIALS.password())
                    .getBytes(StandardCharsets.UTF_8));

    @Test
    void clientCredentialsAndForwardingHeaders_areStripped_andOnlyTheSessionBasicReachesCouchDb() throws Exception {
        String otherUser = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        proxy.send("GET", "/database/posts/doc", List.of(
                "Authorization: Bearer " + FakeSessions.TOKEN,
                "Proxy-Authorization: " + otherUser,
                "Cookie: AuthSession=YWRtaW46",
                "X-Auth-CouchDB-UserName: admin",
                "X-Auth-CouchDB-Roles: _admin",
                "x-auth-couchdb-token: abc",
                "Forwarded: for=1.2.3.4;host=evil",
                "X-Forwarded-Host: evil.example",
                "X-Forwarded-For: 1.2.3.4",
                "Keep-Alive: timeout=5",
                "TE: trailers",
                "Upgrade: websocket",
                "Proxy-Connection: keep-alive"), null);

        RecordedRequest sent = couchDb.onlyRequest();
        assertThat(sent.header("authorization")).containsExactly(SESSION_BASIC);
        assertThat(sent.headers()).doesNotContainKeys("proxy-authorization", "cookie", "x-auth-couchdb-username",
                "x-auth-couchdb-roles", "x-auth-couchdb-token", "forwarded", "x-forwarded-host", "x-forwarded-for",
                "keep-alive", "te", "upgrade", "proxy-connection");
        assertThat(sent.header("host")).containsExactly(couchDb.url().getAuthority());
    }

    @Test
    void clientBasicCredentialsOfAnotherUser_areReplaced_notAdded() throws Exception {
        String otherUser = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

        RawResponse response = proxy.send("GET", "/database/posts/doc",
                List.of("Authorization: " + otherUser), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void headersNamedByConnection_areStripped() throws Exception {
        proxy.send("GET", "/database/posts/doc", List.of(
                "Authorization: Bearer " + FakeSessions.TOKEN,
                "Connection: X-Secret-Hop, close",
                "X-Secret-Hop: do-not-forward",
                "X-Kept: forwarded"), null);

        RecordedRequest sent = couchDb.onlyRequest();
        assertThat(sent.headers()).doesNotContainKey("x-secret-hop");
        assertThat(sent.header("x-kept")).containsExactly("forwarded");
    }

    @Test
    void endToEndRequestHeaders_reachCouchDbUnchanged() throws Exception {
        proxy.sendAuthenticated("PUT", "/database/posts/doc-1", List.of(
                "Content-Type: application/json",
                "Accept: application/json",
                "If-Match: \"1-abc\"",
                "If-None-Match: \"1-def\"",
                "Accept-Encoding: gzip"), "{\"title\":\"é\"}");

        RecordedRequest sent = couchDb.onlyRequest();
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.header("content-type")).containsExactly("application/json");
        assertThat(sent.header("accept")).containsExactly("application/json");
        assertThat(sent.header("if-match")).containsExactly("\"1-abc\"");
        assertThat(sent.header("if-none-match")).containsExactly("\"1-def\"");
        assertThat(sent.header("accept-encoding")).containsExactly("gzip");
        assertThat(sent.bodyText()).isEqualTo("{\"title\":\"é\"}");
    }

    @Test
    void uploadExpecting100Continue_getsContinue_thenCouchDbsAnswer_andExpectStaysHere() throws Exception {
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 201, "{\"ok\":true}"));
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.sendHeadExpectingContinue("PUT", "/database/posts/doc", List.of(
                    "Authorization: Bearer " + FakeSessions.TOKEN, "Content-Type: application/json"), 2);

            assertThat(client.readHead().status()).isEqualTo(100);
            client.sendBody("{}");
            RawResponse head = client.readHead();
            assertThat(head.status()).isEqualTo(201);
            assertThat(new String(client.readBody(head), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        }
        assertThat(couchDb.onlyRequest().bodyText()).isEqualTo("{}");
        assertThat(couchDb.onlyRequest().headers()).doesNotContainKey("expect");
    }

    @Test
    void clientAskingToClose_hasItsConnectionClosedAfterTheAnswer() throws Exception {
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.send("GET", "/database/posts/doc", List.of("Authorization: Bearer " + FakeSessions.TOKEN), null);
            RawResponse head = client.readHead();
            assertThat(new String(client.readBody(head), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}\n");

            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void copyWithDestination_isForwardedAsCopy() throws Exception {
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 201, "{\"ok\":true,\"id\":\"b/c\"}"));

        RawResponse response = proxy.sendAuthenticated("COPY", "/database/posts/a%2Fb",
                List.of("Destination: b%2Fc?rev=1-abc"), null);

        assertThat(response.status()).isEqualTo(201);
        RecordedRequest sent = couchDb.onlyRequest();
        assertThat(sent.method()).isEqualTo("COPY");
        assertThat(sent.rawTarget()).isEqualTo("/posts/a%2Fb");
        assertThat(sent.header("destination")).containsExactly("b%2Fc?rev=1-abc");
    }

    @Test
    void head_isForwardedAsHead_andAnswersHeadersWithoutBody() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"3-abc\"");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });

        RawResponse response = proxy.sendAuthenticated("HEAD", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("etag")).containsExactly("\"3-abc\"");
        assertThat(couchDb.onlyRequest().method()).isEqualTo("HEAD");
    }

    @Test
    void responseStatusBodyAndEndToEndHeaders_reachTheClientUnchanged() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"2-xyz\"");
            exchange.getResponseHeaders().set("Cache-Control", "must-revalidate");
            exchange.getResponseHeaders().set("X-Couch-Request-ID", "abc123");
            UpstreamStub.respond(exchange, 409, "{\"error\":\"conflict\",\"reason\":\"Document update conflict.\"}");
        });

        RawResponse response = proxy.sendAuthenticated("PUT", "/database/posts/doc",
                List.of("Content-Type: application/json"), "{}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"conflict\",\"reason\":\"Document update conflict.\"}");
        assertThat(response.header("etag")).containsExactly("\"2-xyz\"");
        assertThat(response.header("cache-control")).containsExactly("must-revalidate");
        assertThat(response.header("content-type")).containsExactly("application/json");
        assertThat(response.header("x-couch-request-id")).containsExactly("abc123");
    }

    @Test
    void gzipBodyFromCouchDb_reachesTheClientStillCompressed() throws Exception {
        byte[] gzip = gzip("{\"compressed\":true}");
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, gzip.length);
            exchange.getResponseBody().write(gzip);
            exchange.close();
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc/att", List.of(
                "Accept-Encoding: gzip"), null);

        assertThat(response.header("content-encoding")).containsExactly("gzip");
        assertThat(response.body()).isEqualTo(gzip);
    }

    @Test
    void setCookieHopByHopAndBasicChallenge_fromCouchDb_areDropped() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "AuthSession=abc; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"server\"");
            exchange.getResponseHeaders().add("Connection", "X-Hop");
            exchange.getResponseHeaders().add("X-Hop", "secret");
            exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
            exchange.getResponseHeaders().add("Upgrade", "h2c");
            UpstreamStub.respond(exchange, 401, "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}");
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).doesNotContainKeys("set-cookie", "www-authenticate", "x-hop", "keep-alive",
                "upgrade");
        assertThat(response.bodyText())
                .isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}");
    }

    @Test
    void absoluteLocationPointingAtCouchDb_isMovedUnderDatabase() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Location", couchDb.url() + "/posts/a%2Fb?rev=1-abc");
            UpstreamStub.respond(exchange, 201, "{\"ok\":true,\"id\":\"a/b\",\"rev\":\"1-abc\"}");
        });

        RawResponse response = proxy.sendAuthenticated("PUT", "/database/posts/a%2Fb",
                List.of("Content-Type: application/json"), "{}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("location")).containsExactly("/database/posts/a%2Fb?rev=1-abc");
    }

    @Test
    void redirectFromCouchDb_isPassedToTheClient_notFollowed() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Location", couchDb.url() + "/posts/_design/app");
            UpstreamStub.respond(exchange, 301, "");
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/_design%2Fapp", List.of(), null);

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("location")).containsExactly("/database/posts/_design/app");
        assertThat(couchDb.requests()).hasSize(1);
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
