package io.couchgate.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * CouchDB's base URL, checked by the one rule every reader of {@code couchgate.couchdb.url} shares: absolute
 * {@code http} or {@code https} (scheme in any case, RFC 3986 section 3.1) with a host, optionally a path prefix,
 * and no credentials (they travel as Basic headers only), query or fragment.
 *
 * @param uri the URL as given
 */
public record CouchDbUrl(URI uri) {

    /**
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public CouchDbUrl {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("CouchDB URL must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "CouchDB URL must not carry credentials: couchgate sends them as Basic headers only");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("CouchDB URL must not have a query or fragment");
        }
    }

    /**
     * @param raw a configured URL, e.g. {@code https://db.example:6984/}
     * @return it checked, with one trailing {@code /} dropped and the scheme in lower case
     * @throws IllegalArgumentException when it is no URL or breaks the rule
     */
    public static CouchDbUrl parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        URI uri = URI.create(trimmed);
        if (uri.getScheme() != null) {
            uri = URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + trimmed.substring(uri.getScheme().length()));
        }
        return new CouchDbUrl(uri);
    }

    /** @return true when the URL is https */
    public boolean isHttps() {
        return uri.getScheme().equalsIgnoreCase("https");
    }

    /**
     * @param allowInsecure {@code couchgate.couchdb.tls.allow-insecure}
     * @throws IllegalArgumentException when the URL is plain http to a host that is not {@link LoopbackHost loopback}
     *         and {@code allowInsecure} is false: Basic credentials would cross the network in clear
     */
    public void requireSafeTransport(boolean allowInsecure) {
        if (!isHttps() && !LoopbackHost.isLoopback(uri.getHost()) && !allowInsecure) {
            throw new IllegalArgumentException("CouchDB URL " + uri + " is plain http to a host other than "
                    + "loopback: Basic credentials would cross the network in clear; use https, or set "
                    + "couchgate.couchdb.tls.allow-insecure=true to accept that");
        }
    }
}
