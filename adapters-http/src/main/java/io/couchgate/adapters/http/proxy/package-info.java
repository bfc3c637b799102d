/**
 * The {@code /database} reverse proxy (architecture flow 5): a server filter that authenticates the bearer token,
 * refuses server-admin paths, lets through below an app database only the methods and endpoints that
 * {@code SubResourceAllowlist} names, rewrites credentials and hop-by-hop headers, and streams to and from CouchDB
 * (docs.couchdb.org best-practices/reverse-proxies.html).
 *
 * <p>Wiring, done by bootstrap: a {@link io.couchgate.adapters.http.proxy.DatabaseProxySettings} bean (the proxy exists
 * only when there is one) and a {@code ResolveDatabaseCredentialsUseCase} bean; in the configuration
 * {@code micronaut.server.netty.compression-threshold: -1} (the proxy refuses to start otherwise: the server would gzip
 * CouchDB's bodies and hold back {@code _changes} feeds),
 * {@code micronaut.server.netty.request-decompression-enabled: false} (likewise: request bodies, gzip ones included,
 * reach CouchDB as sent) and a {@code micronaut.server.max-request-size} large enough for attachments (larger bodies
 * get 413). The filter runs before micronaut-security's filter and answers every {@code /database} request the relay
 * leaves to it; {@code intercept-url-map} may list {@code /database/**} as anonymous but nothing depends on it. Below
 * Micronaut, {@code DatabaseRelay} relays the plain requests (those the filter would forward without reading their
 * bodies, {@code _changes} aside; see {@code RelayAdmission}) at the Netty level, with CouchDB's framing and raw
 * request targets; the requests Micronaut serves reach CouchDB with the client's raw query too
 * ({@code RawQueryMarker}). Netty types stay in this package. The proxy also provides the {@code SessionStreams} port
 * ({@code NettySessionStreams}): ending a session through it closes the session's open {@code _changes} requests and
 * relayed transfers.
 */
package io.couchgate.adapters.http.proxy;
