package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Direct admin requests to the test CouchDB: set-up, and the direct answers proxied ones are compared with. */
final class CouchDbAdmin {

    private final URI url;
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CouchDbAdmin(CouchDbServer server) {
        this.url = server.url();
        String pair = server.adminUser().orElseThrow() + ":" + server.adminPassword().orElseThrow();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates {@code database}, the CouchDB user of {@code member} (if missing) and makes it the only member. */
    void createDatabaseWithMember(String database, CouchCredentials member) throws IOException, InterruptedException {
        createDatabaseWithMembers(database, List.of(member));
    }

    /** Creates {@code database}, the CouchDB users of {@code members} (if missing), and makes them its members. */
    void createDatabaseWithMembers(String database, List<CouchCredentials> members)
            throws IOException, InterruptedException {
        require(send("PUT", "/" + database, null), Set.of(201));
        StringBuilder names = new StringBuilder();
        for (CouchCredentials member : members) {
            String userId = "org.couchdb.user:" + member.name();
            require(send("PUT", "/_users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8),
                    "{\"_id\":\"" + userId + "\",\"name\":\"" + member.name() + "\",\"type\":\"user\","
                            + "\"roles\":[],\"password\":\"" + member.password() + "\"}"), Set.of(201, 409));
            names.append(names.length() == 0 ? "" : ",").append('"').append(member.name()).append('"');
        }
        require(send("PUT", "/" + database + "/_security", "{\"admins\":{\"names\":[],\"roles\":[]},"
                + "\"members\":{\"names\":[" + names + "],\"roles\":[]}}"), Set.of(200));
    }

    /** Any request as admin; the raw path is sent as written. */
    HttpResponse<String> exchange(String method, String rawPath, String json)
            throws IOException, InterruptedException {
        return send(method, rawPath, json);
    }

    /** Deletes the CouchDB user {@code name} from {@code _users} directly, as someone behind couchgate's back would. */
    void deleteUser(String name) throws IOException, InterruptedException {
        String path = "/_users/" + URLEncoder.encode("org.couchdb.user:" + name, StandardCharsets.UTF_8);
        String rev = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(path)).get("_rev").asText();
        require(send("DELETE", path + "?rev=" + URLEncoder.encode(rev, StandardCharsets.UTF_8), null), Set.of(200));
    }

    /** Creates (again) the CouchDB user of {@code member}, with no roles. */
    void createUser(CouchCredentials member) throws IOException, InterruptedException {
        String userId = "org.couchdb.user:" + member.name();
        require(send("PUT", "/_users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8),
                "{\"_id\":\"" + userId + "\",\"name\":\"" + member.name() + "\",\"type\":\"user\",\"roles\":[],"
                        + "\"password\":\"" + member.password() + "\"}"), Set.of(201));
    }

    /** GET as admin; the raw path is sent as written. */
    String get(String rawPath) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", rawPath, null);
        require(response, Set.of(200));
        return response.body();
    }

    private HttpResponse<String> send(String method, String rawPath, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + rawPath))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void require(HttpResponse<String> response, Set<Integer> statuses) {
        if (!statuses.contains(response.statusCode())) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
