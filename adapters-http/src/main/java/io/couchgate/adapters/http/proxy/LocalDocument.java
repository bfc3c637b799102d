package io.couchgate.adapters.http.proxy;

/**
 * One {@code _local} document of one app user ({@link LocalDocuments}).
 *
 * @param clientId the id as the client names it, e.g. {@code _local/x}
 * @param storedId the id CouchDB stores, e.g. {@code _local/alice:x}
 * @param upstreamPath the raw path to send to CouchDB, e.g. {@code /posts/_local/alice%3Ax}
 */
record LocalDocument(String clientId, String storedId, String upstreamPath) {
}
