package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.Session;

/**
 * What the proxy filter has learnt about a request once every check has passed.
 *
 * @param token the bearer token it came with
 * @param session the live session that token resolved to
 * @param path the raw path to send to CouchDB (below its base URL)
 * @param query the request's query, parsed once
 */
record Exchange(String token, Session session, String path, ParsedQuery query) {
}
