package io.couchgate.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one loopback rule, for CouchDB's URL (plain http allowed) and couchgate's bind host (no plain-HTTP warning).
 * Decided from the text alone, never by a DNS look-up (what a name resolves to can change after the check):
 * {@code localhost} and names under it (RFC 6761 section 6.3), IPv4 {@code 127.0.0.0/8} and IPv6 {@code ::1} in any
 * spelling (brackets allowed, IPv4-mapped {@code ::ffff:127.x.y.z} included).
 */
public final class LoopbackHost {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LoopbackHost() {
    }

    /**
     * @param host a host name or IP literal as written in a URL or a bind setting; null or blank (every interface)
     *             is no loopback
     * @return whether it names this machine's loopback interface only
     */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (!IPV4.matcher(name).matches() && !name.contains(":")) {
            return false;
        }
        try {
            // An IP literal is parsed, never looked up.
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException malformed) {
            return false;
        }
    }
}
