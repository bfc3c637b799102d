/**
 * Connection-level defences of the HTTP server (Netty, below Micronaut's routing): a header-read timeout and a cap
 * on unauthenticated connections per client address, against slow-headers ("slowloris") clients. What counts as
 * unauthenticated and when each limit applies is in {@link io.couchgate.adapters.http.connection.ConnectionLimits};
 * bootstrap provides that record as a bean (the defaults apply without one). The Netty types stay in this package.
 */
package io.couchgate.adapters.http.connection;
