package io.couchgate.bootstrap.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Tells IP literals from DNS names and writes both in one canonical form, for certificate names and bind hosts. */
final class HostNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {
    }

    /** @return whether {@code name} is an IPv4 or IPv6 address literal (not a DNS name) */
    static boolean isIpLiteral(String name) {
        return IPV4.matcher(name).matches() || name.contains(":");
    }

    /**
     * @param name a DNS name or IP literal (an IPv6 literal may be in brackets)
     * @return DNS names in lower case; IP literals as {@link InetAddress#getHostAddress()} prints them
     * @throws IllegalArgumentException when an IP literal is malformed
     */
    static String canonical(String name) {
        String trimmed = name.trim();
        if (!isIpLiteral(trimmed)) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(trimmed.replace("[", "").replace("]", "")).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + name, e);
        }
    }
}
