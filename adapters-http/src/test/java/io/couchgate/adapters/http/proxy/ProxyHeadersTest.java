package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.CouchCredentials;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.netty.NettyHttpHeaders;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ProxyHeaders}' rules without a server (fast enough for PIT): what goes to CouchDB, what comes back to the
 * client, and when the client's connection closes. The HTTP slice {@code DatabaseProxyHeadersTest} holds the wiring.
 */
class ProxyHeadersTest {

    private static final CouchCredentials SESSION = new CouchCredentials("users/x/alice/s1", "pä:ss");
    /** RFC 7617 over the UTF-8 bytes of {@code users/x/alice/s1:pä:ss}. */
    private static final String SESSION_BASIC = "Basic dXNlcnMveC9hbGljZS9zMTpww6Q6c3M=";
    private static final LocationRewriter LOCATIONS = new LocationRewriter(URI.create("http://couch.internal:5984"));

    private static MutableHttpHeaders headers(String... namesAndValues) {
        MutableHttpHeaders headers = new NettyHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void request_losesCredentialsForwardingHopByHopAndConnectionNamedHeaders_andGetsTheSessionsBasic() {
        MutableHttpHeaders headers = headers("Authorization", "Bearer a.b.c", "authorization", "Basic eDp5",
                "Cookie", "AuthSession=x", "Host", "couchgate.example", "Forwarded", "for=192.0.2.1",
                "Expect", "100-continue", "X-Auth-CouchDB-UserName", "admin", "X-Auth-CouchDB-Roles", "_admin",
                "X-Forwarded-For", "192.0.2.1", "x-forwarded-proto", "https", "Connection", "keep-alive, X-Secret",
                "Keep-Alive", "timeout=5", "TE", "trailers", "Trailer", "X-Checksum", "Upgrade", "h2c",
                "Proxy-Connection", "keep-alive", "Proxy-Authenticate", "Basic", "Proxy-Authorization", "Basic eDp5",
                "x-secret", "1", "Accept", "application/json", "Content-Type", "application/json",
                "If-Match", "\"1-a\"", "Destination", "copy", "X-Couch-Full-Commit", "true");

        ProxyHeaders.prepareRequest(headers, SESSION);

        assertThat(headers.getAll("Authorization")).containsExactly(SESSION_BASIC);
        assertThat(headers.names()).containsExactlyInAnyOrder("Authorization", "Accept", "Content-Type",
                "If-Match", "Destination", "X-Couch-Full-Commit");
        assertThat(headers.get("If-Match")).isEqualTo("\"1-a\"");
    }

    @Test
    void request_withoutAnyAuthorization_stillGetsTheSessionsBasic_once() {
        MutableHttpHeaders headers = headers("Accept", "*/*");

        ProxyHeaders.prepareRequest(headers, SESSION);

        assertThat(headers.getAll("Authorization")).containsExactly(SESSION_BASIC);
        assertThat(headers.get("Accept")).isEqualTo("*/*");
    }

    @Test
    void response_losesCookiesChallengesHopByHopAndConnectionNamedHeaders_andKeepsEndToEndOnes() {
        MutableHttpHeaders headers = headers("Set-Cookie", "AuthSession=x", "WWW-Authenticate", "Basic realm=x",
                "www-authenticate", "Bearer", "Connection", "close, X-Internal", "X-Internal", "1",
                "Keep-Alive", "timeout=5", "Upgrade", "h2c", "Proxy-Authenticate", "Basic", "Trailer", "X",
                "ETag", "\"1-a\"", "Content-Type", "application/json", "Cache-Control", "must-revalidate",
                "X-Couch-Request-ID", "abc", "Server", "CouchDB/3.3.3");

        ProxyHeaders.prepareResponse(headers, LOCATIONS);

        assertThat(headers.names()).containsExactlyInAnyOrder("ETag", "Content-Type", "Cache-Control",
                "X-Couch-Request-ID", "Server");
        assertThat(headers.get("ETag")).isEqualTo("\"1-a\"");
    }

    @Test
    void response_movesALocationAtCouchDbUnderDatabase_andLeavesOthersAlone() {
        MutableHttpHeaders atCouchDb = headers("Location", "http://couch.internal:5984/posts/doc?rev=1-a");
        MutableHttpHeaders elsewhere = headers("Location", "https://example.org/posts/doc");
        MutableHttpHeaders none = headers("ETag", "\"1-a\"");

        ProxyHeaders.prepareResponse(atCouchDb, LOCATIONS);
        ProxyHeaders.prepareResponse(elsewhere, LOCATIONS);
        ProxyHeaders.prepareResponse(none, LOCATIONS);

        assertThat(atCouchDb.getAll("Location")).containsExactly("/database/posts/doc?rev=1-a");
        assertThat(elsewhere.getAll("Location")).containsExactly("https://example.org/posts/doc");
        assertThat(none.contains("Location")).isFalse();
    }

    @Test
    void dropsFromRequest_byName_inLowerCase() {
        for (String dropped : List.of("connection", "keep-alive", "te", "trailer", "upgrade", "proxy-connection",
                "proxy-authenticate", "proxy-authorization", "authorization", "cookie", "host", "forwarded",
                "expect", "x-auth-couchdb-token", "x-forwarded-host", "x-named")) {
            assertThat(ProxyHeaders.dropsFromRequest(dropped, Set.of("x-named"))).as(dropped).isTrue();
        }
        for (String kept : List.of("accept", "content-type", "destination", "x-auth-couchdb", "x-forwarded",
                "set-cookie", "www-authenticate", "if-none-match")) {
            assertThat(ProxyHeaders.dropsFromRequest(kept, Set.of("x-named"))).as(kept).isFalse();
        }
    }

    @Test
    void dropsFromResponse_byName_inLowerCase() {
        for (String dropped : List.of("connection", "keep-alive", "te", "trailer", "upgrade", "proxy-connection",
                "proxy-authenticate", "proxy-authorization", "set-cookie", "www-authenticate", "x-named")) {
            assertThat(ProxyHeaders.dropsFromResponse(dropped, Set.of("x-named"))).as(dropped).isTrue();
        }
        for (String kept : List.of("etag", "location", "content-type", "cookie", "authorization", "host",
                "x-forwarded-for", "x-auth-couchdb-roles", "set-cookie2")) {
            assertThat(ProxyHeaders.dropsFromResponse(kept, Set.of("x-named"))).as(kept).isFalse();
        }
    }

    @Test
    void connectionTokens_areSplitAtCommas_trimmed_andLowerCase_overEveryHeader() {
        assertThat(ProxyHeaders.connectionTokens(List.of(" Keep-Alive ,X-A", "CLOSE")))
                .containsExactlyInAnyOrder("keep-alive", "x-a", "close");
        assertThat(ProxyHeaders.connectionTokens(List.of())).isEmpty();
    }

    @Test
    void asksToClose_onConnectionClose_inAnyCase_orOnHttp10WithoutKeepAlive() {
        assertThat(ProxyHeaders.asksToClose(request(HttpVersion.HTTP_1_1, "keep-alive, Close"))).isTrue();
        assertThat(ProxyHeaders.asksToClose(request(HttpVersion.HTTP_1_1, "keep-alive"))).isFalse();
        assertThat(ProxyHeaders.asksToClose(request(HttpVersion.HTTP_1_1, null))).isFalse();
        assertThat(ProxyHeaders.asksToClose(request(HttpVersion.HTTP_1_0, null))).isTrue();
        assertThat(ProxyHeaders.asksToClose(request(HttpVersion.HTTP_1_0, "Keep-Alive"))).isFalse();
        assertThat(ProxyHeaders.asksToClose(request(HttpVersion.HTTP_1_0, "keep-alive, close"))).isTrue();
    }

    @Test
    void basic_isRfc7617OverTheUtf8BytesOfNameColonPassword() {
        assertThat(ProxyHeaders.basic(SESSION)).isEqualTo(SESSION_BASIC);
    }

    private static HttpRequest<?> request(HttpVersion version, String connection) {
        HttpRequest<Object> get = connection == null ? HttpRequest.GET("/database/posts")
                : HttpRequest.GET("/database/posts").header("Connection", connection);
        return new HttpRequestWrapper<>(get) {
            @Override
            public HttpVersion getHttpVersion() {
                return version;
            }
        };
    }
}
