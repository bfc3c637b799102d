package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchDbUrl;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param compatibility which server it is ({@code couchgate.couchdb.compatibility}): CouchDB 3, or the dev server
 */
public record CouchDbSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, Path caFile,
                              boolean allowInsecure, CouchDbCompatibility compatibility) {

    /**
     * @throws NullPointerException if the URL or a timeout is null
     * @throws IllegalArgumentException if the URL breaks {@link CouchDbUrl}'s rule or is plain http to a
     *         non-loopback host without {@code allowInsecure} ({@link CouchDbUrl#requireSafeTransport}), or if a
     *         timeout is not positive
     */
    public CouchDbSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(compatibility, "compatibility");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("CouchDB timeouts must be positive");
        }
        new CouchDbUrl(baseUrl).requireSafeTransport(allowInsecure);
    }

    /**
     * Settings for Apache CouchDB 3 ({@link CouchDbCompatibility#COUCHDB}).
     *
     * @param baseUrl the server's root URL
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for an answer
     * @param caFile a PEM file of extra CA certificates; null for none
     * @param allowInsecure true to allow plain {@code http} to a host other than loopback
     * @throws IllegalArgumentException as the canonical constructor
     */
    public CouchDbSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, Path caFile,
                           boolean allowInsecure) {
        this(baseUrl, connectTimeout, readTimeout, caFile, allowInsecure, CouchDbCompatibility.COUCHDB);
    }

    /**
     * @param other which server it is
     * @return these settings for that server
     */
    public CouchDbSettings withCompatibility(CouchDbCompatibility other) {
        return new CouchDbSettings(baseUrl, connectTimeout, readTimeout, caFile, allowInsecure, other);
    }

    /**
     * @param timeout how long to wait for an answer
     * @return these settings with that read timeout
     */
    public CouchDbSettings withReadTimeout(Duration timeout) {
        return new CouchDbSettings(baseUrl, connectTimeout, timeout, caFile, allowInsecure, compatibility);
    }

    /** @return the extra CA file, if any */
    public Optional<Path> caFileIfSet() {
        return Optional.ofNullable(caFile);
    }

    /** @return true when the URL is https */
    public boolean isHttps() {
        return new CouchDbUrl(baseUrl).isHttps();
    }
}
