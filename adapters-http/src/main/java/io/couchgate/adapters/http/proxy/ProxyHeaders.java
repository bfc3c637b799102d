package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.CouchCredentials;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.MutableHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Header rules of the proxy. Towards CouchDB: the client's credentials, forwarding and hop-by-hop headers
 * (RFC 9110, section 7.6.1) go, the session's Basic credentials (RFC 7617) come in. Towards the client: CouchDB's
 * cookies, hop-by-hop headers and every {@code WWW-Authenticate} challenge go (so a 401 that passes is CouchDB's
 * refusal of a document, never a prompt for credentials the client does not hold, and couchgate's own Bearer
 * challenge marks a session that ended), an absolute {@code Location} is moved under {@code /database}. The internal
 * raw-query marker ({@link RawQueryMarker}) goes on with the request: the proxy clients' connections take it off.
 */
final class ProxyHeaders {

    /** Message framing ({@code Transfer-Encoding}, {@code Content-Length}) is left to Micronaut on either side. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer", "upgrade",
            "proxy-connection", "proxy-authenticate", "proxy-authorization");
    /** {@code Expect: 100-continue} is answered to the client by Micronaut's server; CouchDB gets the body at once. */
    private static final Set<String> CLIENT_ONLY = Set.of("authorization", "cookie", "host", "forwarded", "expect");
    private static final List<String> CLIENT_ONLY_PREFIXES = List.of("x-auth-couchdb-", "x-forwarded-");

    private ProxyHeaders() {
    }

    /**
     * @param headers the request headers to send upstream, changed in place
     * @param credentials the session user's CouchDB credentials
     */
    static void prepareRequest(MutableHttpHeaders headers, CouchCredentials credentials) {
        Set<String> named = connectionNamed(headers);
        for (String name : new ArrayList<>(headers.names())) {
            if (dropsFromRequest(name.toLowerCase(Locale.ROOT), named)) {
                headers.remove(name);
            }
        }
        headers.remove(HttpHeaders.AUTHORIZATION);
        headers.set(HttpHeaders.AUTHORIZATION, basic(credentials));
    }

    /**
     * @param headers CouchDB's response headers, changed in place
     * @param locations how to move a {@code Location} that points at CouchDB
     */
    static void prepareResponse(MutableHttpHeaders headers, LocationRewriter locations) {
        Set<String> named = connectionNamed(headers);
        for (String name : new ArrayList<>(headers.names())) {
            if (dropsFromResponse(name.toLowerCase(Locale.ROOT), named)) {
                headers.remove(name);
            }
        }
        String location = headers.get(HttpHeaders.LOCATION);
        if (location != null) {
            headers.set(HttpHeaders.LOCATION, locations.rewrite(location));
        }
    }

    /**
     * @param lower a request header name in lower case
     * @param connectionNamed the lower-case tokens of the request's {@code Connection} headers
     * @return whether the header stays with couchgate (credentials, forwarding, hop-by-hop) instead of going to CouchDB
     */
    static boolean dropsFromRequest(String lower, Set<String> connectionNamed) {
        return HOP_BY_HOP.contains(lower) || CLIENT_ONLY.contains(lower) || connectionNamed.contains(lower)
                || CLIENT_ONLY_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /**
     * @param lower a response header name in lower case
     * @param connectionNamed the lower-case tokens of the response's {@code Connection} headers
     * @return whether the header of CouchDB's answer is dropped (hop-by-hop, cookies, challenges)
     */
    static boolean dropsFromResponse(String lower, Set<String> connectionNamed) {
        return HOP_BY_HOP.contains(lower) || connectionNamed.contains(lower)
                || lower.equals("set-cookie") || lower.equals("www-authenticate");
    }

    /**
     * @param values the values of every {@code Connection} header of a message
     * @return their tokens, trimmed and in lower case (RFC 9110, section 7.6.1)
     */
    static Set<String> connectionTokens(List<String> values) {
        Set<String> named = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    /**
     * @param request the request as received
     * @return true when the client asked to close the connection after this exchange (RFC 9112, section 9.6)
     */
    static boolean asksToClose(HttpRequest<?> request) {
        Set<String> tokens = connectionNamed(request.getHeaders());
        boolean http10 = request.getHttpVersion() == HttpVersion.HTTP_1_0;
        return tokens.contains("close") || http10 && !tokens.contains("keep-alive");
    }

    private static Set<String> connectionNamed(HttpHeaders headers) {
        return connectionTokens(headers.getAll(HttpHeaders.CONNECTION));
    }

    /** @return the {@code Authorization} value for the session user (RFC 7617) */
    static String basic(CouchCredentials credentials) {
        String pair = credentials.name() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
