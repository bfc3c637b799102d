package io.couchgate.adapters.http.proxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which methods may reach which sub-resource of an app database (docs.couchdb.org api/database/*, api/document/*,
 * api/ddoc/*, api/local.html): an allowlist, so every endpoint not named here is refused, whatever CouchDB would do
 * with it. The path below the database is decoded once per segment and split again on {@code /}, as CouchDB and
 * PouchDB Server route it ({@code _design%2Fx} is the design document {@code _design/x}). Methods are compared
 * case-sensitively; {@code HEAD} is allowed wherever {@code GET} is.
 *
 * <table>
 * <caption>The allowlist</caption>
 * <tr><th>below {@code /{db}}</th><th>methods</th></tr>
 * <tr><td>(nothing)</td><td>GET, HEAD, POST</td></tr>
 * <tr><td>{@code {docid}}, {@code {docid}/{attachment}}</td><td>GET, HEAD, PUT, DELETE, COPY (Destination not
 * starting with {@code _})</td></tr>
 * <tr><td>{@code _local/{id}}</td><td>GET, HEAD, PUT, DELETE (the session user's own, {@link LocalDocuments})</td></tr>
 * <tr><td>{@code _design/{name}}</td><td>GET, HEAD</td></tr>
 * <tr><td>{@code _design/{name}/_view/{view}}</td><td>GET, HEAD, POST</td></tr>
 * <tr><td>{@code _design/{name}/_info}</td><td>GET, HEAD</td></tr>
 * <tr><td>{@code _all_docs}, {@code _design_docs}, {@code _changes}</td><td>GET, HEAD, POST
 * ({@code _changes}: {@code filter}, in any case of the name, only the built-in {@code _doc_ids},
 * {@code _selector}, {@code _design}, {@code _view})</td></tr>
 * <tr><td>{@code _all_docs/queries}, {@code _design_docs/queries}, {@code _find},
 * {@code _explain}, {@code _bulk_get}, {@code _bulk_docs}, {@code _revs_diff}, {@code _missing_revs},
 * {@code _ensure_full_commit}</td><td>POST</td></tr>
 * <tr><td>{@code _index}</td><td>GET, HEAD</td></tr>
 * </table>
 * Not {@code _local_docs}: it lists every user's {@code _local} documents (PouchDB does not use it).
 * Nothing else below a design document passes: not {@code _show}, {@code _list}, {@code _update} or
 * {@code _rewrite} (they run design-document code that answers with any content type, HTML included, on
 * couchgate's origin), and not a design document's attachments (they can be HTML too, and a client app needs none).
 * Writes below an underscore segment are refused when a segment hides a {@code %2F}, so the server cannot see a
 * different structure than this check did.
 */
final class SubResourceAllowlist {

    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> READ_OR_QUERY = Set.of("GET", "HEAD", "POST");
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> DOCUMENT = Set.of("GET", "HEAD", "PUT", "DELETE", "COPY");
    private static final Set<String> LOCAL_DOCUMENT = Set.of("GET", "HEAD", "PUT", "DELETE");
    private static final Map<String, Set<String>> ENDPOINTS = Map.ofEntries(
            Map.entry("_all_docs", READ_OR_QUERY), Map.entry("_design_docs", READ_OR_QUERY),
            Map.entry("_changes", READ_OR_QUERY),
            Map.entry("_find", POST), Map.entry("_explain", POST), Map.entry("_index", READ),
            Map.entry("_bulk_get", POST), Map.entry("_bulk_docs", POST), Map.entry("_revs_diff", POST),
            Map.entry("_missing_revs", POST), Map.entry("_ensure_full_commit", POST));
    private static final Set<String> MULTI_QUERY = Set.of("_all_docs", "_design_docs");
    /** Built-in filters run no design-document code (docs.couchdb.org api/database/changes.html#filtering). */
    private static final Set<String> CHANGES_FILTERS = Set.of("_doc_ids", "_selector", "_design", "_view");

    private SubResourceAllowlist() {
    }

    /**
     * @param method the HTTP method name as received, e.g. {@code GET}
     * @param rawSegments the raw path segments after the database segment (already checked safe and decodable);
     *     empty for the database itself, {@code [""]} for {@code /{db}/}
     * @param query the request's query, parsed once as CouchDB reads it
     * @param destinations every {@code Destination} header value (for {@code COPY})
     * @return whether the request may be forwarded
     */
    static boolean allows(String method, List<String> rawSegments, ParsedQuery query, List<String> destinations) {
        Optional<List<String>> decoded = decodedSegments(rawSegments);
        if (decoded.isEmpty()) {
            return false;
        }
        List<String> path = path(decoded.get());
        if (path.isEmpty()) {
            return READ_OR_QUERY.contains(method);
        }
        String first = path.get(0);
        if (!first.startsWith("_")) {
            return DOCUMENT.contains(method)
                    && (!"COPY".equals(method) || destinations.stream().allMatch(CopyDestination::isPlainDocument));
        }
        if (!READ.contains(method) && decoded.get().stream().anyMatch(segment -> segment.contains("/"))) {
            return false;
        }
        return switch (first) {
            case "_local" -> path.size() >= 2 && !path.get(1).isEmpty() && LOCAL_DOCUMENT.contains(method);
            case "_design" -> path.size() >= 2 && !path.get(1).isEmpty() && designDocument(method, path);
            default -> endpoint(method, path, query);
        };
    }

    /** @param path {@code _design}, the name, then what follows (at least the first two pieces) */
    private static boolean designDocument(String method, List<String> path) {
        if (path.size() == 2 || path.size() == 3 && "_info".equals(path.get(2))) {
            return READ.contains(method);
        }
        return path.size() == 4 && "_view".equals(path.get(2)) && !path.get(3).isEmpty()
                && READ_OR_QUERY.contains(method);
    }

    private static boolean endpoint(String method, List<String> path, ParsedQuery query) {
        String first = path.get(0);
        if (path.size() == 2 && MULTI_QUERY.contains(first) && "queries".equals(path.get(1))) {
            return "POST".equals(method);
        }
        Set<String> methods = ENDPOINTS.get(first);
        if (path.size() != 1 || methods == null || !methods.contains(method)) {
            return false;
        }
        return !"_changes".equals(first) || CHANGES_FILTERS.containsAll(query.values("filter"));
    }

    /** Each segment decoded once, or empty when one cannot be. */
    private static Optional<List<String>> decodedSegments(List<String> rawSegments) {
        List<String> decoded = new ArrayList<>(rawSegments.size());
        for (String raw : rawSegments) {
            Optional<String> segment = PercentDecoding.decode(raw);
            if (segment.isEmpty()) {
                return Optional.empty();
            }
            decoded.add(segment.get());
        }
        return Optional.of(decoded);
    }

    /**
     * The decoded segments joined and split again on {@code /} (as they are when none holds a {@code /}); one trailing
     * empty piece (a trailing slash) dropped.
     */
    private static List<String> path(List<String> decodedSegments) {
        if (decodedSegments.isEmpty()) {
            return List.of();
        }
        if (decodedSegments.stream().noneMatch(segment -> segment.indexOf('/') >= 0)) {
            int size = decodedSegments.size();
            return decodedSegments.get(size - 1).isEmpty() ? decodedSegments.subList(0, size - 1) : decodedSegments;
        }
        List<String> pieces = new ArrayList<>(Arrays.asList(String.join("/", decodedSegments).split("/", -1)));
        if (pieces.get(pieces.size() - 1).isEmpty()) {
            pieces.remove(pieces.size() - 1);
        }
        return pieces;
    }
}
