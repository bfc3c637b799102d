package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.CouchCredentials;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Header rules of the proxy. Towards CouchDB: the client's credentials, forwarding and hop-by-hop headers
 * (RFC 9110, section 7.6.1) go, the session's Basic credentials (RFC 7617) come in. Towards the client: CouchDB's
 * cookies, hop-by-hop headers and Basic challenges go, an absolute {@code Location} is moved under {@code /database}.
 */
final class ProxyHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer", "upgrade",
            "proxy-connection", "proxy-authenticate", "proxy-authorization", "transfer-encoding");
    private static final Set<String> CLIENT_ONLY = Set.of("authorization", "cookie", "host", "forwarded");
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
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) && !lower.equals("transfer-encoding") || CLIENT_ONLY.contains(lower)
                    || named.contains(lower) || CLIENT_ONLY_PREFIXES.stream().anyMatch(lower::startsWith)) {
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
        boolean basicChallenge = headers.getAll(HttpHeaders.WWW_AUTHENTICATE).stream()
                .anyMatch(value -> value.trim().toLowerCase(Locale.ROOT).startsWith("basic"));
        for (String name : new ArrayList<>(headers.names())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) && !lower.equals("transfer-encoding") || named.contains(lower)
                    || lower.equals("set-cookie") || basicChallenge && lower.equals("www-authenticate")) {
                headers.remove(name);
            }
        }
        String location = headers.get(HttpHeaders.LOCATION);
        if (location != null) {
            headers.set(HttpHeaders.LOCATION, locations.rewrite(location));
        }
    }

    private static Set<String> connectionNamed(HttpHeaders headers) {
        Set<String> named = new java.util.HashSet<>();
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    private static String basic(CouchCredentials credentials) {
        String pair = credentials.name() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
