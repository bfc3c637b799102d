package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.testing.RecordingRelay;
import io.couchgate.domain.CouchCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two couchgate processes A and B on one CouchDB (memory session mode, lease interval 1 s): neither B's start nor a
 * failed start of B (port taken, bad configuration, admin refused by CouchDB; each names its one reason, the same on
 * CouchDB and on the dev server) logs anybody out on A; A's token is refused by B without CouchDB being asked; a
 * SIGKILLed A's session users are swept by B once A's lease has lapsed (awaited with a generous deadline; the time
 * is printed, not asserted); a SIGTERMed B leaves none of its own. The server is
 * {@link CouchDbExtension#freshServer()}: a dev server of its own, or the COUCHDB_URL server.
 */
class TwoInstancesEndToEndTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static CouchDbServer couch;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCouchDb() {
        couch = CouchDbExtension.freshServer();
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void instancesNoLongerHurtEachOther() throws Exception {
        Path dataA = tmp.resolve("a-data");
        Path dataB = tmp.resolve("b-data");
        int portA = CouchgateProcess.freePort();
        try (CouchgateProcess a = CouchgateProcess.launch(portA, couch, dataA, tmp.resolve("a.out"),
                "-couchgate.instances.lease-interval=1s").awaitHealthy()) {
            assertThat(a.send("PUT", "/api/users", credentials("alice"), null).statusCode()).isEqualTo(201);
            String tokenA = logIn(a, "alice");
            assertThat(a.send("PUT", "/database/posts/alice:note1", "{\"owner\":\"alice\",\"text\":\"hi\"}", tokenA)
                    .statusCode()).isEqualTo(201);
            assertThat(a.send("GET", "/database/posts/alice:note1", null, tokenA).statusCode()).isEqualTo(200);
            String instanceA = a.instanceId();
            assertThat(sessionUsersOf(dataA, instanceA)).hasSize(1);

            // First start done once; the others get a copy of the secrets file.
            Files.createDirectories(dataB);
            Files.copy(dataA.resolve("secrets.properties"), dataB.resolve("secrets.properties"));
            Files.setPosixFilePermissions(dataB, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

            // A failed start of B (A holds the port) deletes nothing.
            CouchgateProcess failed = CouchgateProcess.launch(portA, couch, dataB, tmp.resolve("b-failed.out"),
                    "-couchgate.instances.lease-interval=1s");
            assertThat(failed.process().waitFor(90, TimeUnit.SECONDS)).as("failed start exits").isTrue();
            assertThat(failed.process().exitValue()).isEqualTo(1);
            assertThat(startFailure(failed))
                    .isEqualTo("couchgate did not start: BindException: Address already in use");
            assertThat(a.send("GET", "/database/posts/alice:note1", null, tokenA).statusCode()).isEqualTo(200);
            assertThat(sessionUsersOf(dataA, instanceA)).hasSize(1);

            // Nor does a start of B with a bad configuration.
            CouchgateProcess misconfigured = CouchgateProcess.launch(CouchgateProcess.freePort(), couch, dataB,
                    tmp.resolve("b-misconfigured.out"), "-couchgate.instances.lease-interval=0s");
            assertThat(misconfigured.process().waitFor(90, TimeUnit.SECONDS)).as("misconfigured start exits").isTrue();
            assertThat(misconfigured.process().exitValue()).isEqualTo(1);
            assertThat(misconfigured.output())
                    .contains("couchgate did not start: couchgate.instances.lease-interval must be positive");
            assertThat(a.send("GET", "/database/posts/alice:note1", null, tokenA).statusCode()).isEqualTo(200);
            assertThat(sessionUsersOf(dataA, instanceA)).hasSize(1);

            // Nor does a start whose admin CouchDB refuses (a secrets file with a wrong admin password).
            Path dataC = tmp.resolve("c-data");
            Files.createDirectories(dataC);
            Files.setPosixFilePermissions(dataC, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            java.util.Properties secrets = new java.util.Properties();
            try (var in = Files.newInputStream(dataA.resolve("secrets.properties"))) {
                secrets.load(in);
            }
            secrets.setProperty("admin.password", "not-the-password-" + System.nanoTime());
            Path secretsC = dataC.resolve("secrets.properties");
            try (var out = Files.newOutputStream(secretsC)) {
                secrets.store(out, null);
            }
            Files.setPosixFilePermissions(secretsC, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            CouchgateProcess refused = CouchgateProcess.launch(CouchgateProcess.freePort(), couch, dataC,
                    tmp.resolve("c-refused.out"), "-couchgate.instances.lease-interval=1s");
            assertThat(refused.process().waitFor(90, TimeUnit.SECONDS)).as("refused start exits").isTrue();
            assertThat(refused.process().exitValue()).isEqualTo(1);
            // The same on CouchDB and on the dev server: both answer a wrong Basic password 401
            // (api/server/authn.html), and the admin check never uses the bootstrap admin COUCHDB_URL brings
            String secretsFileC = new FileSecretsStore(dataC).location();
            assertThat(startFailure(refused)).isEqualTo("couchgate did not start: CouchDB rejected couchgate's admin "
                    + new FileSecretsStore(dataA).load().orElseThrow().admin().name() + " from " + secretsFileC
                    + ": restore that admin on CouchDB, or remove " + secretsFileC + " and set "
                    + "COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER and COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_PASSWORD once so "
                    + "couchgate can create its own admin");
            assertThat(refused.output()).doesNotContain("not-the-password-");
            assertThat(a.send("GET", "/database/posts/alice:note1", null, tokenA).statusCode()).isEqualTo(200);
            assertThat(sessionUsersOf(dataA, instanceA)).hasSize(1);

            try (RecordingRelay relay = RecordingRelay.start(couch.url().getPort());
                 CouchgateProcess b = CouchgateProcess.launch(couch.couchgateEnvironment(),
                         CouchgateProcess.freePort(), URI.create("http://127.0.0.1:" + relay.port()), dataB,
                         tmp.resolve("b.out"),
                         "-couchgate.instances.lease-interval=1s").awaitHealthy()) {
                // B's start and its sweeps leave A's session alone.
                assertThat(a.send("GET", "/database/posts/alice:note1", null, tokenA).statusCode()).isEqualTo(200);

                // A's token on B: 401, and CouchDB never saw a request for the document.
                HttpResponse<String> foreign = b.send("GET", "/database/posts/alice:note1", null, tokenA);
                assertThat(foreign.statusCode()).isEqualTo(401);
                assertThat(foreign.body()).contains("\"error\":\"unauthorized\"");
                assertThat(relay.requestLines()).noneMatch(line -> line.contains("alice:note1"));

                String tokenB = logIn(b, "alice");
                assertThat(b.send("GET", "/database/posts/alice:note1", null, tokenB).statusCode()).isEqualTo(200);
                String instanceB = b.instanceId();
                assertThat(sessionUsersOf(dataA, instanceB)).hasSize(1);
                awaitTwoSweeps(b);
                assertThat(a.send("GET", "/database/posts/alice:note1", null, tokenA).statusCode()).isEqualTo(200);
                assertThat(sessionUsersOf(dataA, instanceA)).hasSize(1);

                // kill -9 A: B's sweep deletes A's session users once A's lease lapsed (3 s) plus one sweep (1 s).
                long killed = System.nanoTime();
                a.process().destroyForcibly();
                long deadline = killed + Duration.ofSeconds(60).toNanos(); // generous: the machines are shared
                while (!sessionUsersOf(dataA, instanceA).isEmpty() && System.nanoTime() < deadline) {
                    a.process().waitFor(50, TimeUnit.MILLISECONDS); // bounded poll pause (A is dead already)
                }
                Duration swept = Duration.ofNanos(System.nanoTime() - killed);
                System.out.printf("session users of a SIGKILLed instance gone after %d ms (lease 3 s + sweep 1 s)%n",
                        swept.toMillis());
                // No upper bound on the time (it was 8 s): a loaded machine runs the lease and the sweep late.
                assertThat(sessionUsersOf(dataA, instanceA)).isEmpty();
                assertThat(b.send("GET", "/database/posts/alice:note1", null, tokenB).statusCode()).isEqualTo(200);

                // SIGTERM B: it deletes its own session users before it exits.
                long terminated = System.nanoTime();
                b.process().destroy();
                assertThat(b.process().waitFor(30, TimeUnit.SECONDS)).as("B exits after SIGTERM").isTrue();
                Duration stopped = Duration.ofNanos(System.nanoTime() - terminated);
                System.out.printf("SIGTERMed instance exited after %d ms, its session users deleted%n",
                        stopped.toMillis());
                assertThat(sessionUsersOf(dataA, instanceB)).isEmpty();
                assertThat(leaseDocument(dataA, instanceB)).isEqualTo(404);
                assertThat(b.output()).contains("stopped: deleted 1 session users of this instance");
            }
        }
    }

    /** @return the one line a start that failed printed, {@code couchgate did not start: <why>} */
    private static String startFailure(CouchgateProcess process) throws IOException {
        List<String> lines = process.output().lines().filter(l -> l.startsWith("couchgate did not start: ")).toList();
        assertThat(lines).as(process.output()).hasSize(1);
        return lines.get(0);
    }

    /** Waits (bounded) until B's log shows two more lease intervals have passed, by polling its health. */
    private static void awaitTwoSweeps(CouchgateProcess b) throws Exception {
        long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
        while (System.nanoTime() < until) {
            assertThat(b.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
            b.process().waitFor(250, TimeUnit.MILLISECONDS);
        }
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String logIn(CouchgateProcess app, String username) throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(username), null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        Matcher m = TOKEN.matcher(login.body());
        assertThat(m.find()).as(login.body()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> asAdmin(Path dataDir, String path) throws Exception {
        CouchCredentials admin = new FileSecretsStore(dataDir).load().orElseThrow().admin();
        String basic = Base64.getEncoder().encodeToString((admin.name() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(couch.url() + path))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Session users of one instance in {@code _users}, read as couchgate's admin. */
    private static List<String> sessionUsersOf(Path dataDir, String instance) throws Exception {
        String prefix = "org.couchdb.user:users/" + instance + "/";
        HttpResponse<String> response = asAdmin(dataDir, "/_users/_all_docs?startkey=%22"
                + prefix.replace(":", "%3A").replace("/", "%2F") + "%22&endkey=%22"
                + prefix.replace(":", "%3A").replace("/", "%2F") + "%EF%BF%B0%22");
        assertThat(response.statusCode()).isEqualTo(200);
        return Pattern.compile("\"id\":\"(org\\.couchdb\\.user:users/[^\"]+)\"").matcher(response.body()).results()
                .map(m -> m.group(1)).toList();
    }

    private static int leaseDocument(Path dataDir, String instance) throws Exception {
        return asAdmin(dataDir, "/couchgate_instances/instance:" + instance).statusCode();
    }

}
