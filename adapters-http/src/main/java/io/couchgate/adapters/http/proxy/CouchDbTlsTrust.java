package io.couchgate.adapters.http.proxy;

import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * Whom the proxy's client trusts when CouchDB's URL is {@code https}: the JVM trust store plus
 * {@code couchgate.couchdb.tls.ca-file}, the same as couchgate's own CouchDB client. Without this bean the proxy
 * trusts the JVM trust store alone. Certificates and host names are always checked.
 *
 * @param context a Netty client SSL context
 */
public record CouchDbTlsTrust(SslContext context) {

    /** @throws NullPointerException if {@code context} is null */
    public CouchDbTlsTrust {
        Objects.requireNonNull(context, "context");
    }
}
