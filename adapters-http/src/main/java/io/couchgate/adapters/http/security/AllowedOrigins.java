package io.couchgate.adapters.http.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The other web origins a browser app of couchgate may talk to ({@code couchgate.cors.allowed-origins}), each an
 * exact origin in its ASCII serialisation (RFC 6454, section 6.2): {@code scheme://host[:port]}, scheme and host in
 * lower case, the port only when it is not the scheme's default. They are the origins {@link CorsPolicy} allows under
 * {@code /api} and {@code /database}, and they widen the pages' CSP {@code connect-src}.
 *
 * @param origins the origins, serialised, without duplicates, in the order given
 */
public record AllowedOrigins(List<String> origins) {

    /** What a CSP host-source can name (CSP Level 3, "Source Lists"): DNS names and IPv4, not IPv6 literals. */
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

    /** No other origin: the default. */
    public static final AllowedOrigins NONE = new AllowedOrigins(List.of());

    /**
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if an element is not an origin in its serialised form (see {@link #parse})
     */
    public AllowedOrigins {
        Objects.requireNonNull(origins, "origins");
        for (String origin : origins) {
            if (!serialise(Objects.requireNonNull(origin, "origin")).equals(origin)) {
                throw new IllegalArgumentException("not a serialised origin: " + origin);
            }
        }
        origins = List.copyOf(new LinkedHashSet<>(origins));
    }

    /**
     * @param values origins as configured, e.g. {@code https://notes.example.org} or {@code http://localhost:5173};
     *     surrounding blanks are ignored, case and a default port are normalised
     * @return the origins, serialised
     * @throws IllegalArgumentException naming the first value that is not an {@code http} or {@code https} origin
     *     (a path, a query, a fragment, user info, a wildcard, an IPv6 literal or {@code null} are refused)
     */
    public static AllowedOrigins parse(List<String> values) {
        List<String> origins = new ArrayList<>(values.size());
        for (String value : values) {
            origins.add(serialise(value.trim()));
        }
        return new AllowedOrigins(origins);
    }

    private static String serialise(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw notAnOrigin(value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http");
        if (!(http || scheme.equals("https")) || uri.getRawAuthority() == null || uri.getHost() == null
                || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null || value.endsWith(":")) {
            throw notAnOrigin(value);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            throw notAnOrigin(value);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (http ? 80 : 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException notAnOrigin(String value) {
        return new IllegalArgumentException("'" + value + "' is not an exact origin such as https://app.example.org"
                + " or http://localhost:5173 (scheme, host and optional port; no path, wildcard or trailing slash)");
    }
}
