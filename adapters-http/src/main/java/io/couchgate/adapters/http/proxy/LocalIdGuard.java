package io.couchgate.adapters.http.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps every route but {@code _local/<id>} ({@link LocalDocuments}) away from {@code _local} documents, which would
 * otherwise reach any user's: CouchDB writes a {@code _local/...} {@code _id} sent to {@code POST /{db}} or
 * {@code _bulk_docs} as a local document, and looks up {@code _local/...} keys of {@code _all_docs} (and
 * {@code _bulk_get} ids) among them. Those requests (small JSON bodies, or {@code _bulk_docs}) are buffered and
 * refused when a doc id or key there starts with {@code _local/}; every other request streams as before.
 * {@code _revs_diff}, {@code _missing_revs}, {@code _changes} and {@code _find} only see the by-id tree, which holds
 * no local document.
 */
final class LocalIdGuard {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Per endpoint below the database (decoded pieces joined by {@code /}), the JSON paths of ids and keys. */
    private static final Map<String, Set<String>> ID_PATHS = Map.of(
            "", Set.of("_id"),
            "_bulk_docs", Set.of("docs/[]/_id"),
            "_bulk_get", Set.of("docs/[]/id"),
            "_all_docs", Set.of("keys/[]", "key"),
            "_design_docs", Set.of("keys/[]", "key"),
            "_all_docs/queries", Set.of("queries/[]/keys/[]", "queries/[]/key"),
            "_design_docs/queries", Set.of("queries/[]/keys/[]", "queries/[]/key"));
    private static final Set<String> KEYED_QUERIES = Set.of("_all_docs", "_design_docs");

    private LocalIdGuard() {
    }

    /**
     * @param method the request's method
     * @param upstreamPath a path {@link DatabasePathRules#upstreamPath} let through
     * @return whether the request's body must be buffered and passed to {@link #bodyNamesLocal} first
     */
    static boolean inspectsBody(String method, String upstreamPath) {
        return ("POST".equals(method) || "PUT".equals(method)) && ID_PATHS.containsKey(endpoint(upstreamPath));
    }

    /**
     * @param upstreamPath a path {@link DatabasePathRules#upstreamPath} let through
     * @param query the request's query
     * @return whether a {@code key} or {@code keys} parameter of {@code _all_docs}/{@code _design_docs} holds a
     *     string starting with {@code _local/}, or cannot be read as JSON
     */
    static boolean queryNamesLocal(String upstreamPath, ParsedQuery query) {
        if (query.values("key").isEmpty() && query.values("keys").isEmpty()
                || !KEYED_QUERIES.contains(endpoint(upstreamPath))) {
            return false;
        }
        for (String name : List.of("key", "keys")) {
            for (String value : query.values(name)) {
                if (anyStringIsLocal(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param upstreamPath the path of a request for which {@link #inspectsBody} is true
     * @param body its whole body
     * @return whether it names a {@code _local/} id where CouchDB reads ids or keys, or is not one JSON value
     */
    static boolean bodyNamesLocal(String upstreamPath, byte[] body) {
        Set<String> paths = ID_PATHS.get(endpoint(upstreamPath));
        if (body.length == 0) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<Boolean> inArray = new ArrayDeque<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    path.addLast(parser.currentName());
                    continue;
                }
                if (token.isStructEnd()) {
                    inArray.removeLast();
                    path.pollLast();
                    if (inArray.isEmpty() && parser.nextToken() != null) {
                        return true;
                    }
                    continue;
                }
                if (!inArray.isEmpty() && inArray.peekLast()) {
                    path.addLast("[]");
                }
                if (token.isStructStart()) {
                    inArray.addLast(token == JsonToken.START_ARRAY);
                    continue;
                }
                if (token == JsonToken.VALUE_STRING && parser.getText().startsWith(LocalDocuments.PREFIX)
                        && paths.contains(String.join("/", path))) {
                    return true;
                }
                path.pollLast();
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean anyStringIsLocal(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING && parser.getText().startsWith(LocalDocuments.PREFIX)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The decoded pieces below the database joined by {@code /}, one trailing slash dropped: {@code ""} for it. */
    private static String endpoint(String upstreamPath) {
        String[] segments = upstreamPath.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < segments.length; i++) {
            if (i == segments.length - 1 && segments[i].isEmpty()) {
                break;
            }
            out.append(i > 2 ? "/" : "").append(PercentDecoding.decode(segments[i]).orElse(segments[i]));
        }
        return out.toString();
    }
}
