package io.couchgate.adapters.couchdb;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach CouchDB ({@code couchgate.couchdb.*}). The timeouts have no defaults here: bootstrap reads them from
 * configuration, whose defaults live in {@code application.yml} alone.
 *
 * @param baseUrl the server's root URL, {@code http} or {@code https}, e.g. {@code https://db.example:6984/}; it
 *                may carry a path prefix but never credentials (those travel as Basic headers only)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param caFile a PEM file of CA certificates trusted in addition to the JVM's trust store; null for none
 * @param allowInsecure true to allow plain {@code http} to a host other than loopback (Basic credentials then
 *                      cross the network in clear); it never disables certificate checks on {@code https}
 */
public record CouchDbSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, Path caFile,
                              boolean allowInsecure) {

    /**
     * @throws NullPointerException if the URL or a timeout is null
     * @throws IllegalArgumentException if the URL is not absolute http(s), carries credentials, a query or a
     *         fragment, if a timeout is not positive, or if it is plain http to a non-loopback host without
     *         {@code allowInsecure}
     */
    public CouchDbSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("CouchDB timeouts must be positive");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("CouchDB URL must be an absolute http or https URL");
        }
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "CouchDB URL must not carry credentials: couchgate sends them as Basic headers only");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("CouchDB URL must not have a query or fragment");
        }
        if (scheme.equals("http") && !isLoopback(baseUrl.getHost()) && !allowInsecure) {
            throw new IllegalArgumentException("CouchDB URL " + baseUrl + " is plain http to a host other than "
                    + "loopback: Basic credentials would cross the network in clear; use https, or set "
                    + "couchgate.couchdb.tls.allow-insecure=true to accept that");
        }
    }

    /** @return the extra CA file, if any */
    public Optional<Path> caFileIfSet() {
        return Optional.ofNullable(caFile);
    }

    /** @return true when the URL is https */
    public boolean isHttps() {
        return baseUrl.getScheme().equalsIgnoreCase("https");
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
