/**
 * Outgoing ports of the application layer itself (not of the domain model): what couchgate reports about its own
 * work, implemented in {@code bootstrap}.
 */
package io.couchgate.application.port.out;
