package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.http.security.CorsPolicy;
import io.couchgate.adapters.http.security.DatabaseAnswerHeaders;
import io.couchgate.domain.CouchCredentials;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;

/**
 * {@link ProxyHeaders}' rules on Netty headers, for the relay; plus what Micronaut's filters add to a
 * {@code /database} answer ({@code CrossOriginFilter}, {@code SecurityHeadersFilter}, bootstrap's
 * {@code StrictTransportSecurityFilter}). Framing headers ({@code Content-Length}, {@code Transfer-Encoding}) are kept
 * as they came: the relay forwards CouchDB's framing.
 */
final class RelayHeaders {

    /** RFC 6797: one year, as bootstrap's {@code StrictTransportSecurityFilter} sends over HTTPS. */
    static final String HSTS = "max-age=31536000";

    private RelayHeaders() {
    }

    /**
     * @param headers a copy of the client's request headers, changed in place into CouchDB's
     * @param credentials the session user's CouchDB credentials
     * @param host the {@code Host} to send (CouchDB's authority)
     */
    static void prepareRequest(HttpHeaders headers, CouchCredentials credentials, String host) {
        Set<String> named = ProxyHeaders.connectionTokens(headers.getAll(HttpHeaderNames.CONNECTION));
        for (String name : new ArrayList<>(headers.names())) {
            if (ProxyHeaders.dropsFromRequest(name.toLowerCase(Locale.ROOT), named)) {
                headers.remove(name);
            }
        }
        headers.set(HttpHeaderNames.HOST, host);
        headers.set(HttpHeaderNames.AUTHORIZATION, ProxyHeaders.basic(credentials));
    }

    /**
     * @param headers CouchDB's response headers, changed in place
     * @param locations how to move a {@code Location} that points at CouchDB
     */
    static void prepareResponse(HttpHeaders headers, LocationRewriter locations) {
        Set<String> named = ProxyHeaders.connectionTokens(headers.getAll(HttpHeaderNames.CONNECTION));
        for (String name : new ArrayList<>(headers.names())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (ProxyHeaders.dropsFromResponse(lower, named) || CorsPolicy.isCorsResponseHeader(lower)) {
                headers.remove(name);
            }
        }
        String location = headers.get(HttpHeaderNames.LOCATION);
        if (location != null) {
            headers.set(HttpHeaderNames.LOCATION, locations.rewrite(location));
        }
    }

    /**
     * What couchgate's filters add to every {@code /database} answer, in their order: CORS, then security headers,
     * then HSTS over TLS.
     *
     * @param headers an answer's headers (CouchDB's prepared ones, or couchgate's own error's)
     * @param cors the CORS policy
     * @param origin the request's {@code Origin}, or null
     * @param secure whether the client connection is TLS
     */
    static void addCouchgateHeaders(HttpHeaders headers, CorsPolicy cors, String origin, boolean secure) {
        cors.addResponseHeaders(origin, headers::add);
        DatabaseAnswerHeaders.apply(headers.getAll(HttpHeaderNames.CONTENT_TYPE), headers::set);
        if (secure) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }
}
