package io.couchgate.adapters.http.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on client connections that have not yet sent a complete request head; bootstrap provides them as a bean
 * (without one, {@link #defaults()} apply).
 *
 * <p>A connection is <em>unauthenticated</em> from the moment it is accepted until the head (request line and every
 * header) of its first request has been received in full. Only then can couchgate see a token at all, so a
 * connection that has not got that far is anonymous by necessity, and it is exactly what a slow-headers
 * ("slowloris") client keeps open. Counting until a request carried a valid session token instead would also count
 * every browser connection that fetches the app's files, signs up or logs in, and would tie the connection layer to
 * the token check for no gain: once a head is complete, the request is bounded by the rest of the server (login and
 * signup throttles, body size limit, {@code micronaut.server.idle-timeout}).
 *
 * <p>The cap counts the <em>slow</em> unauthenticated connections of an address: those still without a complete
 * first head {@link #UNAUTHENTICATED_GRACE} after the accept (or after the header-read timeout, if shorter). Fast
 * heads never count, however many arrive at once: PouchDB replicating through couchgate opened 41 connections that
 * were between accept and a complete head at the same moment (measured in {@code PouchDbReplicationTest}), and a
 * reverse proxy without upstream keep-alive opens one connection per request.
 *
 * @param headerReadTimeout            the longest time a request head may take to arrive: from the moment the
 *                                     connection is accepted (TLS handshake included) or, on a keep-alive connection,
 *                                     from the first byte of the next request, until its last header line. When it
 *                                     passes, the connection is closed (after a {@code 408} if part of a head had
 *                                     arrived). An idle keep-alive connection, with no byte of a next request yet,
 *                                     is left to Micronaut's {@code idle-timeout}; request bodies and responses are
 *                                     never timed by this limit
 * @param maxUnauthenticatedPerAddress how many slow unauthenticated connections one client IP address (the TCP peer)
 *                                     may hold; while it holds that many, each new connection from it is closed as
 *                                     soon as it is accepted, before anything is read
 */
public record ConnectionLimits(Duration headerReadTimeout, int maxUnauthenticatedPerAddress) {

    /** Default header-read timeout: 30 seconds. */
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Default cap: 32 slow unauthenticated connections per address. A browser opens at most 6 connections per host
     * over HTTP/1.1, so this leaves room for several browsers on slow networks behind one NAT address; clients that
     * send their heads at once (reverse proxies, PouchDB) do not count at all.
     */
    public static final int DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS = 32;

    /** How long a connection may wait for its first head before it counts toward the cap: 1 second. */
    public static final Duration UNAUTHENTICATED_GRACE = Duration.ofSeconds(1);

    /**
     * @throws NullPointerException if {@code headerReadTimeout} is null
     * @throws IllegalArgumentException if the timeout is not positive or the cap is below 1
     */
    public ConnectionLimits {
        Objects.requireNonNull(headerReadTimeout, "headerReadTimeout");
        if (headerReadTimeout.isNegative() || headerReadTimeout.isZero()) {
            throw new IllegalArgumentException("headerReadTimeout must be positive");
        }
        if (maxUnauthenticatedPerAddress < 1) {
            throw new IllegalArgumentException("maxUnauthenticatedPerAddress must be at least 1");
        }
    }

    /** @return {@link #UNAUTHENTICATED_GRACE}, or the header-read timeout if that is shorter */
    public Duration unauthenticatedGrace() {
        return headerReadTimeout.compareTo(UNAUTHENTICATED_GRACE) < 0 ? headerReadTimeout : UNAUTHENTICATED_GRACE;
    }

    /** @return 30 s header-read timeout, 32 unauthenticated connections per address */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS);
    }
}
