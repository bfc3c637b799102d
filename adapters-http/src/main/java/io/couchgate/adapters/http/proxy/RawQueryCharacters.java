package io.couchgate.adapters.http.proxy;

/**
 * The characters that CouchDB accepts raw in a query and {@link java.net.URI} (so Micronaut) does not: {@code "},
 * {@code [}, {@code ]}, {@code {}, {@code }} and {@code |}, as curl users type {@code _all_docs?startkey="a"} or
 * {@code _changes?doc_ids=["a"]}. The relay sends such a target upstream byte for byte; a request it does not take
 * reaches Micronaut with them percent-encoded ({@link DatabaseRelayHandler}), the same query (RFC 3986, section
 * 2.1), and CouchDB again with the client's raw query ({@link RawQueryMarker}).
 */
public final class RawQueryCharacters {

    private RawQueryCharacters() {
    }

    /**
     * @param target a request target as received (origin or absolute form)
     * @return the target with those characters of its query (after the first {@code ?}) as {@code %XX} (upper-case
     *     hex); the very same string when its query holds none of them
     */
    public static String percentEncoded(String target) {
        int query = target.indexOf('?');
        if (query < 0) {
            return target;
        }
        StringBuilder encoded = null;
        for (int i = query + 1; i < target.length(); i++) {
            String escape = escape(target.charAt(i));
            if (escape != null && encoded == null) {
                encoded = new StringBuilder(target.length() + 16).append(target, 0, i);
            }
            if (encoded != null) {
                encoded.append(escape != null ? escape : String.valueOf(target.charAt(i)));
            }
        }
        return encoded == null ? target : encoded.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '"' -> "%22";
            case '[' -> "%5B";
            case ']' -> "%5D";
            case '{' -> "%7B";
            case '}' -> "%7D";
            case '|' -> "%7C";
            default -> null;
        };
    }
}
