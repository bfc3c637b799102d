/**
 * Connection-level defences of the HTTP server (Netty, below Micronaut's routing): a header-read timeout and a cap
 * on unauthenticated connections per client address, against slow-headers ("slowloris") clients; couchgate's limits
 * on the size of a request head ({@code HeadSizeDefaults}); and couchgate's own answer, in the path's error style,
 * to a head it refuses before any route sees it (too long, not decodable, or a target Micronaut cannot parse;
 * {@code RequestRefusal}). What counts as unauthenticated and when each limit applies is in
 * {@link io.couchgate.adapters.http.connection.ConnectionLimits}; bootstrap provides that record as a bean (the
 * defaults apply without one). The Netty types stay in this package.
 */
package io.couchgate.adapters.http.connection;
