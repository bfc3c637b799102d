package io.couchgate.adapters.http.connection;

/**
 * Which error format a request's path calls for: CouchDB's {@code {"error","reason"}} under {@code /database} (the
 * proxy's clients are CouchDB client libraries), RFC 9457 problems under {@code /api}, a neutral JSON elsewhere.
 */
enum PathStyle {
    DATABASE, API, OTHER;

    /**
     * @param target a request target as sent: origin form ({@code /database/posts?x}) or absolute form
     *               ({@code http://host/database/posts}); may be cut off anywhere after the path's first segment
     * @return the style of the path; {@link #OTHER} for anything else, an empty or unreadable target included
     */
    static PathStyle ofTarget(String target) {
        String path = target;
        int scheme = path.indexOf("://");
        if (!path.startsWith("/") && scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        if (isUnder(path, "/database")) {
            return DATABASE;
        }
        return isUnder(path, "/api") ? API : OTHER;
    }

    /**
     * @param headStart the first bytes of a request head as received (request line, perhaps cut off), read as
     *                  ISO-8859-1; blank lines before it are skipped as RFC 9112 section 2.2 allows
     * @return the style of its target's path, or {@link #OTHER} when no target can be read
     */
    static PathStyle ofHeadStart(String headStart) {
        String line = headStart.stripLeading();
        int space = line.indexOf(' ');
        if (space < 0) {
            return OTHER;
        }
        String rest = line.substring(space + 1);
        int end = rest.indexOf(' ');
        return ofTarget(end < 0 ? rest : rest.substring(0, end));
    }

    private static boolean isUnder(String path, String mount) {
        if (!path.startsWith(mount)) {
            return false;
        }
        if (path.length() == mount.length()) {
            return true;
        }
        char next = path.charAt(mount.length());
        return next == '/' || next == '?' || next == '#';
    }
}
