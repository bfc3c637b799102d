package io.couchgate.adapters.couchdb;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding (RFC 3986) of CouchDB path segments and query values. A doc id always travels as one path
 * segment: {@code /} becomes {@code %2F}; {@code :} stays (it is allowed in a segment).
 */
final class CouchDbPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CouchDbPaths() {
    }

    /**
     * @param raw a database name, doc id or other single segment
     * @return it encoded as one path segment: unreserved characters and {@code :} kept, every other UTF-8 byte
     *         as {@code %XX}
     */
    static String segment(String raw) {
        return encode(raw, true);
    }

    /**
     * @param raw a query parameter value (e.g. a JSON-encoded key)
     * @return it encoded for a query: unreserved characters kept, every other UTF-8 byte as {@code %XX}
     */
    static String queryValue(String raw) {
        return encode(raw, false);
    }

    /**
     * @param db database name
     * @param docId document id (any characters)
     * @return {@code /<db>/<docId>}, each as one segment
     */
    static String doc(String db, String docId) {
        return "/" + segment(db) + "/" + segment(docId);
    }

    private static String encode(String raw, boolean keepColon) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c) || keepColon && c == ':') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
