package io.couchgate.bootstrap.e2e;

import static io.couchgate.bootstrap.e2e.SessionTokens.claims;
import static io.couchgate.bootstrap.e2e.SessionTokens.digest;
import static io.couchgate.bootstrap.e2e.SessionTokens.logIn;
import static io.couchgate.bootstrap.e2e.SessionTokens.sessionUserName;
import static io.couchgate.bootstrap.e2e.SessionTokens.sid;
import static io.couchgate.bootstrap.e2e.SessionTokens.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable session mode ({@code couchgate.sessions.store=couchdb}) end to end: forked couchgate processes A and B
 * on one CouchDB, sharing one deployment by a copy of A's secrets file. A token works on every instance and across
 * a restart; a logout on one instance ends the session on the other (awaited with a generous deadline; the ≤ 1 s
 * promise is measured by scripts/bench scenario 9); after a kill -9 in the middle of
 * logins, a restart's sweep leaves session users and session docs one to one. Each test has a CouchDB of its own.
 * The session docs' secrecy has its own class ({@link DurableSessionDocsSecrecyTest}).
 */
class DurableSessionsEndToEndTest {

    private static final String REVOKED = "{\"error\":\"unauthorized\",\"reason\":\"The session token is invalid, "
            + "expired or revoked.\"}";

    private CouchDbServer couch;

    @TempDir
    Path tmp;

    @BeforeEach
    void startCouchDb() {
        couch = CouchDbExtension.freshServer();
    }

    @AfterEach
    void stopCouchDb() {
        couch.close();
    }

    @Test
    void tokenOfA_worksOnB_logoutOnB_endsItOnAWithinOneSecond_logoutEverywhereOnA_endsTheUsersSessionsOnB()
            throws Exception {
        Path dataA = tmp.resolve("a-data");
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            DurableInstances.assertSessionsHealth(a);
            signUp(a, "alice");
            signUp(a, "bob");
            String tokenA = logIn(a, "alice");
            assertThat(a.send("PUT", "/database/posts/alice:note1", "{\"owner\":\"alice\",\"text\":\"hi\"}", tokenA)
                    .statusCode()).isEqualTo(201);
            assertThat(claims(tokenA).get("iid")).isEqualTo(SecretsFile.deploymentId(dataA));
            SecretsFile.copy(dataA, tmp.resolve("b-data"));
            try (CouchgateProcess b = DurableInstances.start(couch, tmp.resolve("b-data"), tmp.resolve("b.out"))) {
                DurableInstances.assertSessionsHealth(b);
                HttpResponse<String> onB = b.send("GET", "/database/posts/alice:note1", null, tokenA);
                assertThat(onB.statusCode()).isEqualTo(200);
                assertThat(CouchAdmin.json(onB.body())).containsEntry("text", "hi");
                HttpResponse<String> currentOnB = b.send("GET", "/api/sessions/current", null, tokenA);
                assertThat(currentOnB.statusCode()).isEqualTo(200);
                assertThat(CouchAdmin.json(currentOnB.body())).containsEntry("username", "alice");

                String aliceOnA = logIn(a, "alice");
                String aliceOnB = logIn(b, "alice");
                String bobOnB = logIn(b, "bob");
                logOutOnB_endsTheSessionOnA(a, b, tokenA);
                for (String token : List.of(aliceOnA, aliceOnB, bobOnB)) {
                    assertWorksOn(a, token);
                    assertWorksOn(b, token);
                }
                logOutEverywhereOnA_endsTheUsersSessionsOnB(a, b, aliceOnA, aliceOnB);
                assertWorksOn(a, bobOnB);
                assertWorksOn(b, bobOnB);
                CouchAdmin admin = new CouchAdmin(couch.url(), dataA);
                assertThat(admin.sessionDocs()).extracting(doc -> doc.get("_id")).containsExactly(digest(sid(bobOnB)));
                assertThat(admin.sessionUserNames(SecretsFile.deploymentId(dataA)))
                        .containsExactly(sessionUserName(bobOnB));
            }
        }
    }

    private static void logOutOnB_endsTheSessionOnA(CouchgateProcess a, CouchgateProcess b, String token)
            throws Exception {
        assertThat(a.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(200); // A knows it
        HttpResponse<String> logout = b.send("DELETE", "/api/sessions/current", null, token);
        long answered = System.nanoTime();
        assertThat(logout.statusCode()).isEqualTo(204);
        Duration revoked = DurableInstances.awaitStatus(a, "/api/sessions/current", token, 401, answered,
                DurableInstances.REVOCATION_DEADLINE);
        System.out.printf("cross-instance revocation: %d ms%n", revoked.toMillis());
        assertRevokedOn(a, token);
        assertRevokedOn(b, token);
    }

    private static void logOutEverywhereOnA_endsTheUsersSessionsOnB(CouchgateProcess a, CouchgateProcess b,
                                                                   String onA, String onB) throws Exception {
        HttpResponse<String> everywhere = a.send("DELETE", "/api/sessions", null, onA);
        long answered = System.nanoTime();
        assertThat(everywhere.statusCode()).isEqualTo(204);
        Duration ended = DurableInstances.awaitStatus(b, "/api/sessions/current", onB, 401, answered,
                DurableInstances.REVOCATION_DEADLINE);
        System.out.printf("cross-instance logout everywhere: %d ms%n", ended.toMillis());
        for (String token : List.of(onA, onB)) {
            assertRevokedOn(a, token);
            assertRevokedOn(b, token);
        }
    }

    @Test
    void gracefulRestart_deletesNoSessionUser_andTheOldTokensStillWorkThroughDatabase() throws Exception {
        Path dataA = tmp.resolve("a-data");
        List<String> tokens;
        List<String> usersBefore;
        CouchAdmin admin;
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            signUp(a, "carol");
            tokens = List.of(logIn(a, "carol"), logIn(a, "carol"));
            assertThat(a.send("PUT", "/database/posts/carol:note", "{\"owner\":\"carol\",\"text\":\"kept\"}",
                    tokens.get(0)).statusCode()).isEqualTo(201);
            admin = new CouchAdmin(couch.url(), dataA);
            usersBefore = admin.sessionUserNames(SecretsFile.deploymentId(dataA));
            assertThat(usersBefore).containsExactlyInAnyOrder(sessionUserName(tokens.get(0)),
                    sessionUserName(tokens.get(1)));
            System.out.println("graceful stop in couchdb mode: exit code " + a.stop());
        }
        assertThat(admin.sessionUserNames(SecretsFile.deploymentId(dataA))).isEqualTo(usersBefore);
        assertThat(admin.sessionDocs()).extracting(doc -> doc.get("_id"))
                .containsExactlyInAnyOrder(digest(sid(tokens.get(0))), digest(sid(tokens.get(1))));

        try (CouchgateProcess restarted = DurableInstances.start(couch, dataA, tmp.resolve("a-restarted.out"))) {
            DurableInstances.assertSessionsHealth(restarted);
            for (String token : tokens) {
                HttpResponse<String> read = restarted.send("GET", "/database/posts/carol:note", null, token);
                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(CouchAdmin.json(read.body())).containsEntry("text", "kept");
                HttpResponse<String> current = restarted.send("GET", "/api/sessions/current", null, token);
                assertThat(current.statusCode()).isEqualTo(200);
                assertThat(CouchAdmin.json(current.body())).containsEntry("username", "carol");
            }
            assertWorksOn(restarted, logIn(restarted, "carol"));
        }
    }

    @Test
    void killedDuringTwentyConcurrentLogins_restartWithOneSecondGrace_sweepLeavesUsersAndDocsOneToOne()
            throws Exception {
        Path dataA = tmp.resolve("a-data");
        List<String> users = List.of("dave", "erin", "frank", "grace"); // 5 logins each: under 10 at once per user
        List<String> answered;
        String bystander;
        CouchAdmin admin;
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            for (String user : users) {
                signUp(a, user);
            }
            bystander = logIn(a, "dave"); // a whole session before the kill: the sweep must leave it alone
            admin = new CouchAdmin(couch.url(), dataA);
            answered = logInTwentyAndKill(a, admin, users);
        }
        String deployment = SecretsFile.deploymentId(dataA);
        System.out.printf("kill -9 during 20 logins: %d answered 201 before the kill; then %d session docs, %d "
                        + "session users, %d mismatches%n", answered.size(), admin.sessionDocs().size(),
                admin.sessionUserNames(deployment).size(), mismatches(admin, deployment).size());

        try (CouchgateProcess restarted = DurableInstances.start(couch, dataA, tmp.resolve("a-restarted.out"),
                "-couchgate.sessions.orphan-grace=1s")) {
            long healthy = System.nanoTime();
            long deadline = healthy + Duration.ofSeconds(30).toNanos();
            while (!mismatches(admin, deployment).isEmpty() && System.nanoTime() < deadline) {
                restarted.process().waitFor(100, TimeUnit.MILLISECONDS); // poll pause, bounded by the deadline
            }
            System.out.printf("restart with orphan-grace 1s: healthy after %d ms, one to one %d ms later%n",
                    restarted.startToHealthy().toMillis(), Duration.ofNanos(System.nanoTime() - healthy).toMillis());
            assertThat(mismatches(admin, deployment)).as("session docs and session users one to one").isEmpty();
            assertThat(admin.sessionDocs()).hasSameSizeAs(admin.sessionUserNames(deployment));
            assertThat(admin.sessionDocs()).extracting(doc -> doc.get("_id")).contains(digest(sid(bystander)));
            assertWorksOn(restarted, bystander);
            for (String token : answered) {
                assertWorksOn(restarted, token);
            }
        }
    }

    /**
     * Starts 20 logins at once and kills A (SIGKILL) as soon as a first new session doc appears in the session store
     * (a login stores its session doc before it creates its session user, so that is the middle of a login) or the
     * first answer arrives, whichever is first.
     *
     * @return the tokens of the logins answered 201 before the kill
     */
    private static List<String> logInTwentyAndKill(CouchgateProcess a, CouchAdmin admin, List<String> users)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch firstAnswer = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = users.get(i % users.size());
                logins.add(pool.submit(() -> {
                    start.await();
                    try {
                        return a.send("PUT", "/api/sessions", SessionTokens.credentials(user), null);
                    } catch (IOException cutOffByTheKill) {
                        return null;
                    } finally {
                        firstAnswer.countDown();
                    }
                }));
            }
            int before = admin.sessionDocs().size();
            start.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (admin.sessionDocs().size() == before && !firstAnswer.await(5, TimeUnit.MILLISECONDS)) {
                assertThat(System.nanoTime()).as("a first login under way within 60 s").isLessThan(deadline);
            }
            a.kill();
            List<String> tokens = new ArrayList<>();
            List<Object> outcomes = new ArrayList<>();
            for (Future<HttpResponse<String>> login : logins) {
                HttpResponse<String> answer = login.get(60, TimeUnit.SECONDS);
                outcomes.add(answer == null ? "cut off" : answer.statusCode());
                if (answer != null && answer.statusCode() == 201) {
                    tokens.add((String) CouchAdmin.json(answer.body()).get("token"));
                }
            }
            System.out.println("kill -9 during 20 logins, their outcomes: " + outcomes);
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @return what breaks the one-to-one match of the deployment's session users (in {@code _users}) and the session
     *         docs: a doc whose {@code user} is missing or does not end with the doc's {@code _id}, a user whose last
     *         name segment is no doc's {@code _id}
     */
    private static List<String> mismatches(CouchAdmin admin, String deployment) throws Exception {
        List<Map<String, Object>> docs = admin.sessionDocs();
        Set<String> users = new HashSet<>(admin.sessionUserNames(deployment));
        Set<Object> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            ids.add(doc.get("_id"));
            Object user = doc.get("user");
            if (!users.contains(user)) {
                problems.add("doc " + doc.get("_id") + " names a missing user " + user);
            } else if (!((String) user).endsWith("/" + doc.get("_id"))) {
                problems.add("doc " + doc.get("_id") + " names a user of another digest: " + user);
            }
        }
        for (String user : users) {
            if (!ids.contains(user.substring(user.lastIndexOf('/') + 1))) {
                problems.add("user " + user + " has no session doc");
            }
        }
        return problems;
    }

    private static void assertWorksOn(CouchgateProcess app, String token) throws Exception {
        assertThat(app.send("GET", "/database/posts/_all_docs", null, token).statusCode()).isEqualTo(200);
        assertThat(app.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(200);
    }

    private static void assertRevokedOn(CouchgateProcess app, String token) throws Exception {
        HttpResponse<String> refused = app.send("GET", "/database/posts/_all_docs", null, token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo(REVOKED);
        assertThat(app.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(401);
    }
}
