package io.couchgate.adapters.http.proxy;

import io.netty.handler.codec.http.HttpRequest;

/**
 * Carries a client's raw query past Micronaut, whose {@link java.net.URI} cannot hold the characters of
 * {@link RawQueryCharacters}, so that {@code _changes} feeds, {@code _local} documents and the other requests the relay
 * leaves to Micronaut reach CouchDB byte for byte too (issue #11). The marker is an internal request header:
 * <ol>
 *   <li>{@link DatabaseRelayHandler} takes it off every request a client sends ({@link #strip}) and, where it
 *       percent-encodes a {@code /database} target for Micronaut, puts the client's raw query in it
 *       ({@link #keep});</li>
 *   <li>the proxy's requests to CouchDB carry the client's headers, the marker with them ({@link ProxyHeaders});</li>
 *   <li>on the proxy clients' connections {@link RawQueryRestorer} takes it off every request and puts the raw query
 *       back into the request line ({@link #restore}).</li>
 * </ol>
 * The raw query replaces only a query whose percent-encoded form ({@link RawQueryCharacters#percentEncoded}) it
 * is: the same query to CouchDB (RFC 3986, section 2.1), so a marker that did not come from the relay handler (an
 * HTTP/2 request, which no relay handler sees) cannot change what the proxy's rules checked.
 */
final class RawQueryMarker {

    /** The internal header's name; it never reaches CouchDB or the client. */
    static final String HEADER = "X-Couchgate-Raw-Query";

    private RawQueryMarker() {
    }

    /** @param request a request as a client sent it: any marker it carries is removed */
    static void strip(HttpRequest request) {
        request.headers().remove(HEADER);
    }

    /**
     * @param request a request going to Micronaut, already {@link #strip stripped}: a {@code /database} target
     *     whose query holds raw {@link RawQueryCharacters} gets them percent-encoded, and its raw query (after the
     *     first {@code ?}) goes in the marker; any other target stays as it is, without a marker
     */
    static void keep(HttpRequest request) {
        String target = request.uri();
        if (!RelayAdmission.underMount(target)) {
            return;
        }
        String encoded = RawQueryCharacters.percentEncoded(target);
        if (!encoded.equals(target)) {
            request.headers().set(HEADER, target.substring(target.indexOf('?') + 1));
            request.setUri(encoded);
        }
    }

    /**
     * @param request a request about to be written to CouchDB: its marker, if any, is removed, and its query is
     *     replaced by the marker's raw query when that query is the raw one's percent-encoded form; otherwise the
     *     request line stays as it is
     */
    static void restore(HttpRequest request) {
        String raw = request.headers().get(HEADER);
        if (raw == null) {
            return;
        }
        request.headers().remove(HEADER);
        String target = request.uri();
        int query = target.indexOf('?');
        if (query >= 0 && RawQueryCharacters.percentEncoded("?" + raw).equals(target.substring(query))) {
            request.setUri(target.substring(0, query + 1) + raw);
        }
    }
}
