package io.couchgate.adapters.http.api;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the client's address for throttling: the TCP peer, unless the peer is a {@link TrustedProxies trusted
 * proxy}; then the rightmost address of the proxies' header that is not itself a trusted proxy. Addresses left of it
 * were written by whoever sent the request to the first trusted proxy, so they are never believed: a spoofed
 * {@code X-Forwarded-For: 198.51.100.7} sent through nginx arrives as {@code 198.51.100.7, <real client>} and the real
 * client is taken.
 *
 * <p>When the walk meets an entry that is no IP address ({@code unknown}, an RFC 7239 obfuscated identifier such as
 * {@code _hidden}, garbage), the address of the trusted proxy that wrote it is taken: such clients share that
 * proxy's throttle, which errs on the side of limiting.
 */
final class ClientAddressResolver {

    /** At most this many entries of the header are read, from the right. */
    private static final int MAX_HOPS = 32;

    private final TrustedProxies proxies;

    ClientAddressResolver(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /**
     * @param peer the TCP peer's address
     * @param values the values of the configured header, in the order received (several header lines form one
     *     list, RFC 9110 section 5.3); empty when absent
     * @return the client's address
     */
    InetAddress resolve(InetAddress peer, List<String> values) {
        if (!proxies.contains(peer) || values.isEmpty()) {
            return peer;
        }
        List<String> hops = proxies.header() == TrustedProxies.Header.FORWARDED
                ? forwardedFor(values) : xForwardedFor(values);
        InetAddress previous = peer;
        for (int i = hops.size() - 1, read = 0; i >= 0 && read < MAX_HOPS; i--, read++) {
            InetAddress hop = node(hops.get(i));
            if (hop == null) {
                return previous;
            }
            if (!proxies.contains(hop)) {
                return hop;
            }
            previous = hop;
        }
        return previous;
    }

    /** {@code X-Forwarded-For}: a comma-separated list of addresses, some with a port. */
    private static List<String> xForwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",", -1)) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /**
     * {@code Forwarded} (RFC 7239, section 4): comma-separated elements of {@code ;}-separated pairs; the
     * {@code for} parameter of each element, unquoted. An element without {@code for} counts as an unknown hop.
     */
    private static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : splitOutsideQuotes(value, ',')) {
                String node = "";
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("for")) {
                        node = unquote(pair.substring(equals + 1).trim());
                    }
                }
                hops.add(node);
            }
        }
        return hops;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                part.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /**
     * @param node {@code 192.0.2.43}, {@code 192.0.2.43:47011}, {@code [2001:db8::17]}, {@code [2001:db8::17]:4711}
     *     or a bare IPv6 literal
     * @return the address, or null when the node is none
     */
    private static InetAddress node(String node) {
        String host = node;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        return TrustedProxies.literal(host);
    }
}
