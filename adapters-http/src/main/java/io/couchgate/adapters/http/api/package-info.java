/**
 * The {@code /api} endpoints: signup, login, current session, logout; RFC 9457 problem responses; login throttling.
 */
package io.couchgate.adapters.http.api;
