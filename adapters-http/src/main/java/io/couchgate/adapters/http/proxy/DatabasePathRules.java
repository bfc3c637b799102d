package io.couchgate.adapters.http.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code /database} paths may reach CouchDB: {@code GET}/{@code HEAD /} (the welcome) and anything under a
 * configured app database. Checked on the raw path, on every decoding of each segment (so double encoding cannot
 * smuggle a dot segment past), and before anything is forwarded. Refused: dot segments ({@code .}, {@code ..},
 * also {@code ..;x} and inside a {@code %2F}-joined doc id), empty segments ({@code //}), backslashes, control
 * characters (including {@code %00}), malformed escapes, {@code %25} in the database segment, and every database not
 * configured ({@code _users}, {@code _replicator}, {@code _node}, {@code _session}, {@code _all_dbs}, ...), and the
 * methods TRACE, TRACK and CONNECT. Below a configured database only what {@link SubResourceAllowlist} lists passes
 * (no server-admin or database-admin endpoint, no design-document write).
 */
final class DatabasePathRules {

    /** The proxy's mount point on couchgate. */
    static final String MOUNT = "/database";

    private static final int MAX_DECODINGS = 4;
    /** TRACE would echo the session's Basic credentials back to the browser; CONNECT would open a tunnel. */
    private static final Set<String> REFUSED_METHODS = Set.of("TRACE", "TRACK", "CONNECT");

    private final Set<String> databases;

    DatabasePathRules(Set<String> databases) {
        this.databases = Set.copyOf(databases);
    }

    /**
     * @param method the HTTP method name, e.g. {@code GET} or {@code COPY}
     * @param rawPath the request path exactly as received, starting with {@link #MOUNT}
     * @param query the request's query, parsed once as CouchDB reads it ({@link ParsedQuery})
     * @param destinations every {@code Destination} header value (read for {@code COPY}), possibly none
     * @return the raw path to send to CouchDB (below its base URL, starting with {@code /}), or empty when refused
     */
    Optional<String> upstreamPath(String method, String rawPath, ParsedQuery query, List<String> destinations) {
        if (REFUSED_METHODS.contains(asciiUpperCase(method) ? method : method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (rawPath.equals(MOUNT) || rawPath.equals(MOUNT + "/")) {
            boolean read = "GET".equals(method) || "HEAD".equals(method);
            return read ? Optional.of("/") : Optional.empty();
        }
        if (!rawPath.startsWith(MOUNT + "/")) {
            return Optional.empty();
        }
        String rest = rawPath.substring(MOUNT.length());
        String[] segments = rest.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean trailingSlash = i == segments.length - 1 && i > 0;
            if (segments[i].isEmpty() ? !trailingSlash : !safeSegment(segments[i])) {
                return Optional.empty();
            }
        }
        boolean allowed = allowedDatabase(segments[0]) && SubResourceAllowlist.allows(method,
                Arrays.asList(segments).subList(1, segments.length), query, destinations);
        return allowed ? Optional.of(rest) : Optional.empty();
    }

    /**
     * Whether a path that {@link #upstreamPath} let through names a {@code _changes} feed, in any spelling CouchDB
     * routes there ({@code _changes}, {@code %5Fchanges}): some piece below the database segment, decoded, is
     * {@code _changes}. Errs on the side of yes, which only costs the request a connection of its own.
     *
     * @param upstreamPath a path returned by {@link #upstreamPath}, e.g. {@code /posts/_changes}
     * @return whether the request must be treated as a {@code _changes} request
     */
    static boolean isChanges(String upstreamPath) {
        String[] segments = upstreamPath.split("/", -1);
        if (upstreamPath.indexOf('%') < 0) {
            for (int i = 2; i < segments.length; i++) {
                if (segments[i].equals("_changes")) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 2; i < segments.length; i++) {
            String decoded = PercentDecoding.decode(segments[i]).orElse(segments[i]);
            if (Arrays.asList(decoded.split("/", -1)).contains("_changes")) {
                return true;
            }
        }
        return false;
    }

    private boolean allowedDatabase(String rawSegment) {
        if (rawSegment.contains("%25")) {
            return false;
        }
        return PercentDecoding.decode(rawSegment).filter(databases::contains).isPresent();
    }

    /** A segment is safe when no decoding of it (raw, once, twice, ...) holds a dot segment or a forbidden char. */
    private static boolean safeSegment(String raw) {
        String current = raw;
        for (int level = 0; level <= MAX_DECODINGS; level++) {
            if (!safeText(current)) {
                return false;
            }
            Optional<String> decoded = PercentDecoding.decode(current);
            if (decoded.isEmpty()) {
                return level > 0;
            }
            if (decoded.get().equals(current)) {
                return true;
            }
            current = decoded.get();
        }
        return false;
    }

    private static boolean safeText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        int start = 0;
        while (start <= text.length()) {
            int slash = text.indexOf('/', start);
            int end = slash < 0 ? text.length() : slash;
            int nameEnd = start;
            while (nameEnd < end && text.charAt(nameEnd) != ';') {
                nameEnd++;
            }
            if (nameEnd - start <= 2 && nameEnd > start && text.charAt(start) == '.'
                    && text.charAt(nameEnd - 1) == '.') {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** @return whether the method has no ASCII lower-case letter and is all ASCII (so upper-casing changes nothing) */
    private static boolean asciiUpperCase(String method) {
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c >= 0x80 || c >= 'a' && c <= 'z') {
                return false;
            }
        }
        return true;
    }
}
