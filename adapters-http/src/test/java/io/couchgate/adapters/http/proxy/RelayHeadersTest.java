package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.security.AllowedOrigins;
import io.couchgate.adapters.http.security.CorsPolicy;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RelayHeaders}: {@link ProxyHeaders}' rules on the relay's Netty headers, and what couchgate's filters add to
 * a {@code /database} answer, without a server (fast enough for PIT). {@code DatabaseProxyHeadersTest} and
 * {@code DatabaseProxyCorsTest} hold the same rules over HTTP.
 */
class RelayHeadersTest {

    private static final String BASIC = "Basic dXNlcnMveC9hbGljZTpwdw==";
    private static final String APP = "https://app.example";
    private static final LocationRewriter LOCATIONS = new LocationRewriter(URI.create("http://couch.internal:5984"));
    private static final CorsPolicy CORS = new CorsPolicy(AllowedOrigins.parse(List.of(APP)));

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static List<String> names(HttpHeaders headers) {
        List<String> names = new ArrayList<>();
        headers.forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    @Test
    void request_losesCredentialsForwardingHopByHopAndConnectionNamedHeaders_inAnyCase_andGetsHostAndBasic() {
        HttpHeaders headers = headers("Authorization", "Bearer a.b.c", "AUTHORIZATION", "Basic eDp5",
                "Cookie", "AuthSession=x", "Host", "couchgate.example", "FORWARDED", "for=192.0.2.1",
                "Expect", "100-continue", "X-Auth-CouchDB-UserName", "admin", "x-auth-couchdb-roles", "_admin",
                "X-Forwarded-For", "192.0.2.1", "X-FORWARDED-PROTO", "https", "Connection", "keep-alive , X-Secret",
                "Connection", "X-Other", "Keep-Alive", "timeout=5", "TE", "trailers", "Trailer", "X-Checksum",
                "Upgrade", "h2c", "Proxy-Connection", "keep-alive", "Proxy-Authenticate", "Basic",
                "Proxy-Authorization", "Basic eDp5", "x-SECRET", "1", "X-Other", "2", "Accept", "application/json",
                "Content-Length", "2", "If-Match", "\"1-a\"", "Destination", "copy", "X-Auth-CouchDB", "kept",
                "X-Forwarded", "kept");

        RelayHeaders.prepareRequest(headers, BASIC, "couch.internal:5984");

        assertThat(names(headers)).containsExactlyInAnyOrder("Accept", "Content-Length", "If-Match", "Destination",
                "X-Auth-CouchDB", "X-Forwarded", "host", "authorization");
        assertThat(headers.getAll("Host")).containsExactly("couch.internal:5984");
        assertThat(headers.getAll("Authorization")).containsExactly(BASIC);
        assertThat(headers.get("Content-Length")).isEqualTo("2");
    }

    @Test
    void request_withNothingToDrop_keepsEveryHeader_andGetsHostAndBasic() {
        HttpHeaders headers = headers("Accept", "*/*", "Transfer-Encoding", "chunked");

        RelayHeaders.prepareRequest(headers, BASIC, "couch.internal:5984");

        assertThat(headers.getAll("Accept")).containsExactly("*/*");
        assertThat(headers.getAll("Transfer-Encoding")).containsExactly("chunked");
        assertThat(headers.getAll("Host")).containsExactly("couch.internal:5984");
        assertThat(headers.getAll("Authorization")).containsExactly(BASIC);
        assertThat(headers.size()).isEqualTo(4);
    }

    @Test
    void request_connectionTokensAtEitherEndAndEmptyOnes_areHonoured() {
        HttpHeaders headers = headers("Connection", "X-First,,X-Last", "Connection", ",X-Lead", "X-First", "1",
                "X-Last", "2", "X-Lead", "3", "X-Middle", "4");

        RelayHeaders.prepareRequest(headers, BASIC, "couch.internal:5984");

        assertThat(names(headers)).containsExactlyInAnyOrder("X-Middle", "host", "authorization");
    }

    @Test
    void request_namesThatAreExactlyADroppedPrefix_areDroppedToo() {
        HttpHeaders headers = headers("X-Forwarded-", "1", "x-auth-couchdb-", "2", "X-Forwarde", "3");

        RelayHeaders.prepareRequest(headers, BASIC, "couch.internal:5984");

        assertThat(names(headers)).containsExactlyInAnyOrder("X-Forwarde", "host", "authorization");
    }

    @Test
    void response_aNameThatIsExactlyTheCorsPrefix_isDropped() {
        HttpHeaders headers = headers("Access-Control-", "1", "ETag", "\"1-a\"");

        RelayHeaders.prepareResponse(headers, LOCATIONS);

        assertThat(names(headers)).containsExactly("ETag");
    }

    @Test
    void response_losesCookiesChallengesHopByHopCouchDbsCorsAndConnectionNamedHeaders_andKeepsFraming() {
        HttpHeaders headers = headers("Set-Cookie", "AuthSession=x", "WWW-Authenticate", "Basic realm=x",
                "www-authenticate", "Bearer", "Connection", "close, X-Internal", "x-internal", "1",
                "Keep-Alive", "timeout=5", "Upgrade", "h2c", "Proxy-Authenticate", "Basic", "Trailer", "X",
                "Access-Control-Allow-Origin", "*", "access-control-allow-credentials", "true",
                "ETag", "\"1-a\"", "Content-Type", "application/json", "Transfer-Encoding", "chunked",
                "Cookie", "kept", "Authorization", "kept", "X-Forwarded-For", "kept", "Access-Control", "kept");

        RelayHeaders.prepareResponse(headers, LOCATIONS);

        assertThat(names(headers)).containsExactlyInAnyOrder("ETag", "Content-Type", "Transfer-Encoding", "Cookie",
                "Authorization", "X-Forwarded-For", "Access-Control");
    }

    @Test
    void response_movesALocationAtCouchDbUnderDatabase_andLeavesOthersAlone() {
        HttpHeaders atCouchDb = headers("Location", "http://couch.internal:5984/posts/doc?rev=1-a");
        HttpHeaders elsewhere = headers("Location", "https://example.org/posts/doc");
        HttpHeaders none = headers("ETag", "\"1-a\"");

        RelayHeaders.prepareResponse(atCouchDb, LOCATIONS);
        RelayHeaders.prepareResponse(elsewhere, LOCATIONS);
        RelayHeaders.prepareResponse(none, LOCATIONS);

        assertThat(atCouchDb.getAll("Location")).containsExactly("/database/posts/doc?rev=1-a");
        assertThat(elsewhere.getAll("Location")).containsExactly("https://example.org/posts/doc");
        assertThat(none.contains("Location")).isFalse();
    }

    @Test
    void couchgateHeaders_forAnAllowedOriginOverTls_areCorsSecurityHeadersAndHsts() {
        HttpHeaders headers = headers("Content-Type", "application/json", "Vary", "Accept-Encoding");

        RelayHeaders.addCouchgateHeaders(headers, CORS, APP, true);

        assertThat(headers.getAll("Vary")).containsExactly("Accept-Encoding", "Origin");
        assertThat(headers.getAll("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(headers.getAll("Access-Control-Expose-Headers"))
                .containsExactly(String.join(", ", CorsPolicy.EXPOSED_HEADERS));
        assertThat(headers.getAll("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.contains("X-Frame-Options")).isFalse();
        assertThat(headers.getAll("Strict-Transport-Security")).containsExactly("max-age=31536000");
    }

    @Test
    void couchgateHeaders_onPlainHttp_haveNoHsts_andANonJsonAnswerIsSandboxed() {
        HttpHeaders headers = headers("Content-Type", "text/html", "X-Frame-Options", "SAMEORIGIN");

        RelayHeaders.addCouchgateHeaders(headers, CORS, "https://other.example", false);

        assertThat(headers.getAll("Vary")).containsExactly("Origin");
        assertThat(headers.contains("Access-Control-Allow-Origin")).isFalse();
        assertThat(headers.getAll("X-Frame-Options")).containsExactly("DENY");
        assertThat(headers.getAll("Content-Security-Policy")).containsExactly("sandbox; default-src 'none'");
        assertThat(headers.contains("Strict-Transport-Security")).isFalse();
    }
}
