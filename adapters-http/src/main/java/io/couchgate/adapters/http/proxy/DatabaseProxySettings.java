package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.CouchDbUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@code /database} proxy needs to know; bootstrap provides it as a bean, with the timeouts read from
 * configuration (their defaults live in {@code application.yml} alone).
 *
 * @param couchDbUrl CouchDB's base URL ({@code http} or {@code https}, no user info: every request carries the
 *                   session's credentials), e.g. {@code http://127.0.0.1:5984}; a path
 *                   prefix such as {@code http://host/couch} is kept in front of every forwarded path
 * @param databases the app database names that may be reached through the proxy (e.g. {@code posts}); everything
 *                  else but {@code GET /} is refused with 403
 * @param connectTimeout how long to wait for a TCP (and TLS) connection to CouchDB before answering 502
 * @param readTimeout the longest silence from CouchDB (before its response headers and between body chunks) before
 *                    the proxy gives up: 504 before the headers, an aborted response after. Not applied to
 *                    {@code _changes} feeds ({@code feed=longpoll|continuous|eventsource|live}, the name in any
 *                    case), which CouchDB bounds with its own {@code timeout} and {@code heartbeat} parameters
 */
public record DatabaseProxySettings(URI couchDbUrl, Set<String> databases, Duration connectTimeout,
                                    Duration readTimeout) {

    /**
     * @throws NullPointerException if any part is null
     * @throws IllegalArgumentException if the URL breaks {@link CouchDbUrl}'s rule, or a timeout is not positive
     */
    public DatabaseProxySettings {
        Objects.requireNonNull(couchDbUrl, "couchDbUrl");
        Objects.requireNonNull(databases, "databases");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        new CouchDbUrl(couchDbUrl);
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        databases = Set.copyOf(databases);
    }
}
