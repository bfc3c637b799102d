package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.http.security.CorsPolicy;
import io.couchgate.adapters.http.security.DatabaseAnswerHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@link ProxyHeaders}' rules on Netty headers, for the relay; plus what Micronaut's filters add to a
 * {@code /database} answer ({@code CrossOriginFilter}, {@code SecurityHeadersFilter}, bootstrap's
 * {@code StrictTransportSecurityFilter}). Framing headers ({@code Content-Length}, {@code Transfer-Encoding}) are kept
 * as they came: the relay forwards CouchDB's framing. The same names as {@link ProxyHeaders} drops, compared
 * ASCII-case-insensitively in place (header names are tokens, RFC 9110 section 5.1), without lower-casing, splitting
 * or copying anything for a message that has nothing to drop.
 */
final class RelayHeaders {

    /** RFC 6797: one year, as bootstrap's {@code StrictTransportSecurityFilter} sends over HTTPS. */
    static final String HSTS = "max-age=31536000";

    /** {@link ProxyHeaders}' hop-by-hop names (RFC 9110, section 7.6.1). */
    private static final AsciiString[] HOP_BY_HOP = {HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
        HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE, HttpHeaderNames.PROXY_CONNECTION,
        HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION};
    /** {@link ProxyHeaders}' client-only names but {@code Authorization} and {@code Host}, which are replaced. */
    private static final AsciiString[] CLIENT_ONLY = {HttpHeaderNames.COOKIE, AsciiString.cached("forwarded"),
        HttpHeaderNames.EXPECT};
    private static final AsciiString[] CLIENT_ONLY_PREFIXES = {AsciiString.cached("x-auth-couchdb-"),
        AsciiString.cached("x-forwarded-")};
    private static final AsciiString[] REPLACED = {HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.HOST};
    private static final AsciiString[] RESPONSE_ONLY = {HttpHeaderNames.SET_COOKIE, HttpHeaderNames.WWW_AUTHENTICATE};
    private static final AsciiString CORS_PREFIX = AsciiString.cached("access-control-");
    private static final AsciiString STRICT_TRANSPORT_SECURITY = AsciiString.cached("Strict-Transport-Security");

    private RelayHeaders() {
    }

    /**
     * @param headers the client's request headers, changed in place into CouchDB's
     * @param basic the session user's {@code Authorization} value ({@link ProxyHeaders#basic})
     * @param host the {@code Host} to send (CouchDB's authority)
     */
    static void prepareRequest(HttpHeaders headers, CharSequence basic, CharSequence host) {
        List<String> named = connectionTokens(headers);
        List<CharSequence> drop = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (!oneOf(name, REPLACED) && dropsFromRequest(name, named)) {
                drop = add(drop, name);
            }
        }
        removeAll(headers, drop);
        headers.set(HttpHeaderNames.HOST, host);
        headers.set(HttpHeaderNames.AUTHORIZATION, basic);
    }

    /**
     * @param headers CouchDB's response headers, changed in place
     * @param locations how to move a {@code Location} that points at CouchDB
     */
    static void prepareResponse(HttpHeaders headers, LocationRewriter locations) {
        List<String> named = connectionTokens(headers);
        List<CharSequence> drop = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (oneOf(name, HOP_BY_HOP) || oneOf(name, RESPONSE_ONLY) || startsWith(name, CORS_PREFIX)
                    || namedBy(name, named)) {
                drop = add(drop, name);
            }
        }
        removeAll(headers, drop);
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
            headers.set(STRICT_TRANSPORT_SECURITY, HSTS);
        }
    }

    /** As {@link ProxyHeaders#dropsFromRequest}, on a name in any case. */
    private static boolean dropsFromRequest(CharSequence name, List<String> connectionNamed) {
        return oneOf(name, HOP_BY_HOP) || oneOf(name, CLIENT_ONLY) || namedBy(name, connectionNamed)
                || startsWith(name, CLIENT_ONLY_PREFIXES[0]) || startsWith(name, CLIENT_ONLY_PREFIXES[1]);
    }

    /**
     * @return the trimmed tokens of the message's {@code Connection} headers (RFC 9110, section 7.6.1), in the case
     *     they came; none (no allocation) without such a header
     */
    private static List<String> connectionTokens(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>(2);
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                tokens.add(value.substring(start, end).trim());
                start = end + 1;
            }
        }
        return tokens;
    }

    private static boolean namedBy(CharSequence name, List<String> connectionNamed) {
        for (int i = 0; i < connectionNamed.size(); i++) {
            if (AsciiString.contentEqualsIgnoreCase(name, connectionNamed.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean oneOf(CharSequence name, AsciiString[] names) {
        for (AsciiString candidate : names) {
            if (candidate.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(CharSequence name, AsciiString prefix) {
        return name.length() >= prefix.length() && AsciiString.regionMatches(name, true, 0, prefix, 0, prefix.length());
    }

    private static List<CharSequence> add(List<CharSequence> list, CharSequence name) {
        List<CharSequence> to = list == null ? new ArrayList<>(4) : list;
        to.add(name);
        return to;
    }

    private static void removeAll(HttpHeaders headers, List<CharSequence> names) {
        if (names != null) {
            names.forEach(headers::remove);
        }
    }
}
