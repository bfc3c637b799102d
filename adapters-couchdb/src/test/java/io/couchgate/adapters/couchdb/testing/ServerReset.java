package io.couchgate.adapters.couchdb.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings a server that has an admin back to the state couchgate meets on a first start, for
 * {@link CouchDbExtension#freshServer()} on a server the harness did not start itself (COUCHDB_URL,
 * Testcontainers): every database whose name does not start with {@code _} deleted, every
 * {@code couchgate-admin-*} server admin removed (on each node of {@code GET /_membership}, or at
 * {@code /_config/admins} where the node API is missing, as on the dev server), and every couchgate
 * session user ({@code _users} ids {@code org.couchdb.user:users/...}) deleted. The server's own admin,
 * its system databases and other {@code _users} documents stay. JSON goes through micronaut-serde (on every
 * module's test classpath with this test-jar), not Jackson databind.
 */
final class ServerReset {

    /** couchgate's own admins are named so (ServerProvisioner.ADMIN_NAME_PREFIX). */
    static final String COUCHGATE_ADMIN_PREFIX = "couchgate-admin-";
    /** couchgate's session users' ids start so (org.couchdb.user: + Session.SESSION_USER_PREFIX). */
    static final String SESSION_USER_ID_PREFIX = "org.couchdb.user:users/";
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    private ServerReset() {
    }

    /**
     * Cleans the server as the class says.
     *
     * @param http a client for the server
     * @param admin the server's admin; never removed
     * @throws IllegalStateException when the server refuses a listing or a delete
     */
    static void clean(CouchHttp http, BasicCredentials admin) {
        for (String db : texts(require(http.send("GET", "/_all_dbs", null, admin), "GET /_all_dbs"))) {
            if (!db.startsWith("_")) {
                int status = http.send("DELETE", "/" + encode(db), null, admin).statusCode();
                if (status != 200 && status != 202 && status != 404) {
                    throw new IllegalStateException("DELETE /" + db + " answered " + status);
                }
            }
        }
        removeCouchgateAdmins(http, admin);
        deleteSessionUsers(http, admin);
    }

    private static void removeCouchgateAdmins(CouchHttp http, BasicCredentials admin) {
        for (String base : adminConfigPaths(http, admin)) {
            Map<String, Object> admins = object(require(http.send("GET", base, null, admin), "GET " + base));
            for (String name : admins.keySet()) {
                if (name.startsWith(COUCHGATE_ADMIN_PREFIX) && !name.equals(admin.name())) {
                    int status = http.send("DELETE", base + "/" + encode(name), null, admin).statusCode();
                    if (status != 200 && status != 404) {
                        throw new IllegalStateException("DELETE " + base + "/" + name + " answered " + status);
                    }
                }
            }
        }
    }

    /**
     * config/auth.html: admins live in each node's configuration ({@code GET /_membership} {@code all_nodes}); the
     * dev server has no node configuration API, only {@code /_config} (CouchDB 1.x).
     */
    static List<String> adminConfigPaths(CouchHttp http, BasicCredentials admin) {
        if (http.send("GET", "/_node/_local/_config/admins", null, admin).statusCode() != 200) {
            return List.of("/_config/admins");
        }
        HttpResponse<String> membership = http.send("GET", "/_membership", null, admin);
        List<String> paths = new ArrayList<>();
        if (membership.statusCode() == 200) {
            Object nodes = object(membership).get("all_nodes");
            for (Object node : nodes instanceof List<?> list ? list : List.of()) {
                paths.add("/_node/" + encode(String.valueOf(node)) + "/_config/admins");
            }
        }
        return paths.isEmpty() ? List.of("/_node/_local/_config/admins") : paths;
    }

    private static void deleteSessionUsers(CouchHttp http, BasicCredentials admin) {
        String range = "?startkey=" + encode("\"" + SESSION_USER_ID_PREFIX + "\"")
                + "&endkey=" + encode("\"" + SESSION_USER_ID_PREFIX + "\uffff\"");
        Object rows = object(require(http.send("GET", "/_users/_all_docs" + range, null, admin),
                "GET /_users/_all_docs")).get("rows");
        List<String> deletions = new ArrayList<>();
        for (Object row : rows instanceof List<?> list ? list : List.of()) {
            Map<?, ?> fields = (Map<?, ?>) row;
            Object rev = ((Map<?, ?>) fields.get("value")).get("rev");
            deletions.add("{\"_id\":" + quote(fields.get("id")) + ",\"_rev\":" + quote(rev) + ",\"_deleted\":true}");
        }
        if (!deletions.isEmpty()) {
            require(http.send("POST", "/_users/_bulk_docs", "{\"docs\":[" + String.join(",", deletions) + "]}",
                    admin), "POST /_users/_bulk_docs");
        }
    }

    private static HttpResponse<String> require(HttpResponse<String> answer, String what) {
        if (answer.statusCode() < 200 || answer.statusCode() > 299) {
            throw new IllegalStateException(what + " answered " + answer.statusCode() + " " + answer.body());
        }
        return answer;
    }

    private static List<String> texts(HttpResponse<String> answer) {
        List<String> texts = new ArrayList<>();
        read(answer, Argument.listOf(Object.class)).forEach(item -> texts.add(String.valueOf(item)));
        return texts;
    }

    private static Map<String, Object> object(HttpResponse<String> answer) {
        return read(answer, Argument.mapOf(String.class, Object.class));
    }

    private static <T> T read(HttpResponse<String> answer, Argument<T> type) {
        try {
            return JSON.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("not the JSON expected: " + answer.body(), e);
        }
    }

    private static String quote(Object text) {
        try {
            return JSON.writeValueAsString(String.valueOf(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
