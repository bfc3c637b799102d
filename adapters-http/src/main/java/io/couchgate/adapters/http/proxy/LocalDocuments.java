package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.Username;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code _local} documents belong to the app user (architecture, "Proxy rules added since the first design"): CouchDB
 * runs no {@code validate_doc_update} on them and lets every member read and write them, so the proxy stores the
 * client's {@code _local/<id>} as {@code _local/<username>:<id>}. Usernames hold no {@code :}
 * ({@link Username}), so two users never share a stored id. A path whose first piece below the database, decoded
 * once per segment as CouchDB routes it, is {@code _local} must be exactly {@code _local/<id>} (one non-empty piece
 * after it, no trailing slash); anything else there (attachments, {@code _local/}, {@code _local/a%2Fb}) is refused.
 */
final class LocalDocuments {

    /** The doc-id prefix of every {@code _local} document. */
    static final String PREFIX = "_local/";

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private LocalDocuments() {
    }

    /**
     * @param upstreamPath a path {@link DatabasePathRules#upstreamPath} let through, e.g. {@code /posts/_local/x}
     * @return whether CouchDB would route it to the {@code _local} documents (then it must go through
     *     {@link #document} or be refused)
     */
    static boolean namesLocal(String upstreamPath) {
        List<String> pieces = pieces(upstreamPath);
        return pieces.size() > 2 && "_local".equals(pieces.get(2));
    }

    /**
     * @param upstreamPath a path for which {@link #namesLocal} is true
     * @param user the session's app user
     * @return the document as the client names it and as it is stored, or empty when the path is not exactly
     *     {@code /<db>/_local/<id>} with the slash after {@code _local} unencoded and none encoded in the id
     */
    static Optional<LocalDocument> document(String upstreamPath, Username user) {
        List<String> pieces = pieces(upstreamPath);
        String[] raw = upstreamPath.split("/", -1);
        // raw.length: "_local%2F<id>" (one segment) is refused for every method, as "_local/a%2Fb" is
        if (raw.length != 4 || pieces.size() != 4 || !"_local".equals(pieces.get(2)) || pieces.get(3).isEmpty()) {
            return Optional.empty();
        }
        String id = pieces.get(3);
        String stored = user.value() + ":" + id;
        String rawDatabase = raw[1];
        return Optional.of(new LocalDocument(PREFIX + id, PREFIX + stored,
                "/" + rawDatabase + "/_local/" + encode(stored)));
    }

    /**
     * The path's segments, each decoded once and split again on {@code /}: {@code ""}, the database, then the rest.
     * A segment that cannot be decoded stays raw ({@link DatabasePathRules} has refused such paths already).
     */
    private static List<String> pieces(String upstreamPath) {
        String[] segments = upstreamPath.split("/", -1);
        if (upstreamPath.indexOf('%') < 0) {
            return Arrays.asList(segments);
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                joined.append('/');
            }
            joined.append(i < 2 ? segments[i] : PercentDecoding.decode(segments[i]).orElse(segments[i]));
        }
        return Arrays.asList(joined.toString().split("/", -1));
    }

    /** encodeURIComponent without its {@code !*'()}: every byte outside RFC 3986's unreserved set as {@code %XX}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
