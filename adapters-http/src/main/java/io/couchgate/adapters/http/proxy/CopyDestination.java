package io.couchgate.adapters.http.proxy;

import java.util.Optional;

/**
 * The {@code Destination} header of a {@code COPY} (docs.couchdb.org api/document/common.html#copy--db-docid): a
 * percent-encoded document id, optionally followed by {@code ?rev=...}.
 */
final class CopyDestination {

    private static final int MAX_DECODINGS = 4;

    private CopyDestination() {
    }

    /**
     * @param header one {@code Destination} header value as received
     * @return {@code false} when the value, or any percent-decoding of it, starts with {@code _} (a design, local or
     *     reserved document id), else {@code true}
     */
    static boolean isPlainDocument(String header) {
        String current = header.trim();
        for (int level = 0; level <= MAX_DECODINGS; level++) {
            if (current.startsWith("_")) {
                return false;
            }
            Optional<String> decoded = PercentDecoding.decode(current);
            if (decoded.isEmpty()) {
                return level > 0;
            }
            if (decoded.get().equals(current)) {
                return true;
            }
            current = decoded.get().trim();
        }
        return false;
    }
}
