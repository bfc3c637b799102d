/** Outgoing ports: what the application needs from the world, in domain terms. */
package io.couchgate.domain.port;
