package io.couchgate.adapters.http.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Moves a {@code Location} that CouchDB writes for itself (absolute, built from its own address; RFC 9110,
 * section 10.2.2) to the same resource under couchgate's {@code /database}, as an absolute-path reference. Any other
 * location is left alone.
 */
final class LocationRewriter {

    private final URI couchDb;
    private final String basePath;

    LocationRewriter(URI couchDbUrl) {
        this.couchDb = couchDbUrl;
        String path = couchDbUrl.getRawPath() == null ? "" : couchDbUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * @param location the header value CouchDB sent
     * @return {@code /database/<path>?<query>} when it points at CouchDB, else {@code location} unchanged
     */
    String rewrite(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return location;
        }
        boolean sameOrigin = uri.isAbsolute()
                ? pointsAtCouchDb(uri)
                : location.startsWith("/") && uri.getRawAuthority() == null;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!sameOrigin || !(path.equals(basePath) || path.startsWith(basePath + "/"))) {
            return location;
        }
        String rest = path.substring(basePath.length());
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        return DatabasePathRules.MOUNT + (rest.isEmpty() ? "/" : rest) + query + fragment;
    }

    private boolean pointsAtCouchDb(URI uri) {
        return couchDb.getScheme().equalsIgnoreCase(uri.getScheme())
                && couchDb.getHost().toLowerCase(Locale.ROOT).equals(lower(uri.getHost()))
                && port(couchDb) == port(uri);
    }

    private static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
