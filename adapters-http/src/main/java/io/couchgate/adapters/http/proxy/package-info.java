/**
 * The {@code /database} reverse proxy (architecture flow 5): a server filter that authenticates the bearer token,
 * refuses server-admin paths, rewrites credentials and hop-by-hop headers, and streams to and from CouchDB.
 * See docs.couchdb.org best-practices/reverse-proxies.html.
 */
package io.couchgate.adapters.http.proxy;
