package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code couchgate.sessions.max-per-user} at its default (20), everything real: the 21st login of a user ends the
 * oldest session, whose token is then refused everywhere and whose CouchDB user is gone from {@code _users}.
 */
class SessionCapEndToEndTest {

    private static final String PASSWORD = "amber-falcon-drums-61-pines";
    private static final int CAP = 20;
    private static CouchDbServer couch;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        couch = CouchDbExtension.freshServer();
        dataDir = Files.createTempDirectory("couchgate-cap").resolve("data");
    }

    @AfterAll
    static void stop() {
        couch.close();
    }

    @Test
    void twentyFirstLogin_endsTheOldestSession_itsTokenGets401_and_usersHoldsTwentySessionUsers() throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            assertThat(app.send("PUT", "/api/users", credentials(), null).statusCode()).isEqualTo(201);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < CAP; i++) {
                tokens.add(logIn(app));
            }
            Session oldest = app.context().getBean(SessionStore.class).findByUsername(Username.of("dave")).stream()
                    .min(Comparator.comparing(Session::issuedAt)).orElseThrow();
            String oldestUser = "org.couchdb.user:" + oldest.credentials().name();
            assertThat(sessionUsersOfDave()).hasSize(CAP).contains(oldestUser);
            assertThat(app.send("GET", "/database/posts/_all_docs", null, tokens.get(0)).statusCode()).isEqualTo(200);

            tokens.add(logIn(app));

            assertThat(app.send("GET", "/database/posts/_all_docs", null, tokens.get(0)).statusCode()).isEqualTo(401);
            assertThat(app.send("GET", "/api/sessions/current", null, tokens.get(0)).statusCode()).isEqualTo(401);
            for (String token : tokens.subList(1, tokens.size())) {
                assertThat(app.send("GET", "/database/posts/_all_docs", null, token).statusCode()).isEqualTo(200);
            }
            assertThat(sessionUsersOfDave()).hasSize(CAP).doesNotContain(oldestUser);
        }
    }

    private static String logIn(RunningCouchgate app) throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(), null);
        assertThat(login.statusCode()).isEqualTo(201);
        return (String) app.context().getBean(JsonMapper.class).readValue(login.body(), Map.class).get("token");
    }

    /** Dave's session users in {@code _users}, read as couchgate's admin (from the secrets file). */
    private static List<String> sessionUsersOfDave() throws Exception {
        CouchCredentials admin = new FileSecretsStore(dataDir).load().orElseThrow().admin();
        String basic = Base64.getEncoder().encodeToString((admin.name() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(couch.url() + "/_users/_all_docs"
                        + "?startkey=%22org.couchdb.user%3Ausers%2F%22"
                        + "&endkey=%22org.couchdb.user%3Ausers%2F%EF%BF%B0%22"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Pattern.compile("\"id\":\"(org\\.couchdb\\.user:users/[^/\"]+/dave/[^\"]+)\"")
                .matcher(response.body()).results().map(m -> m.group(1)).toList();
    }

    private static String credentials() {
        return "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\"}";
    }
}
