package io.couchgate.bootstrap.e2e;

import static io.couchgate.bootstrap.e2e.SessionTokens.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin CLI against the harness's CouchDB with a running couchgate (memory session mode, signup by invitation)
 * next to it: invitations, password reset, ending sessions, deletion, listing; in this JVM and once forked as the
 * jar's main class.
 */
class AdminCliEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private CouchDbServer couch;
    private CouchgateProcess app;
    private Map<String, Object> config;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        couch = CouchDbExtension.freshServer();
        Path data = tmp.resolve("data");
        app = CouchgateProcess.launch(CouchgateProcess.freePort(), couch, data, tmp.resolve("app.out"),
                "-couchgate.signup.mode=invite").awaitHealthy();
        config = AdminRun.config(couch.url(), data, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            app.close();
        } finally {
            couch.close();
        }
    }

    @Test
    void invitations_singleUse_revoked_andExpired() throws Exception {
        String code = createInvite("7d");
        assertThat(code).matches("[A-Za-z0-9_-]{22}");
        assertThat(signUp("alice", code).statusCode()).isEqualTo(201);
        HttpResponse<String> again = signUp("bob", code);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(CouchAdmin.json(again.body())).containsEntry("type", "/problems/invitation-invalid")
                .containsEntry("detail", "the invitation code is unknown, used or revoked");
        assertThat(signUp("bob", null).statusCode()).isEqualTo(403);

        String revoked = createInvite("7d");
        AdminRun revoke = AdminRun.inProcess(config, "invites", "revoke", revoked);
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).matches("revoked [0-9a-f]{12}\n");
        assertThat(revoke.audit()).containsExactly("event=admin-invite-revoke outcome=ok client=cli");
        assertThat(signUp("bob", revoked).statusCode()).isEqualTo(403);
        AdminRun unknown = AdminRun.inProcess(config, "invites", "revoke", revoked);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("couchgate admin: no such invitation (unknown, used or revoked already)\n");
        assertThat(unknown.audit())
                .containsExactly("event=admin-invite-revoke outcome=failed client=cli detail=unknown-invitation");

        String expiring = createInvite("1s");
        awaitListed(" expired\n");
        HttpResponse<String> expired = signUp("bob", expiring);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(CouchAdmin.json(expired.body())).containsEntry("detail", "the invitation code has expired");

        String byId = createInvite("2h");
        AdminRun list = AdminRun.inProcess(config, "invites", "list");
        assertThat(list.exitCode()).isZero();
        String id = list.out().lines().filter(line -> line.contains("expires=") && !line.endsWith("expired"))
                .findFirst().orElseThrow().substring(0, 12);
        // "--" ends the options: how to pass a code made before codes stopped beginning with "-"
        assertThat(AdminRun.inProcess(config, "invites", "revoke", "--", id).exitCode()).isZero();
        assertThat(signUp("bob", byId).statusCode()).isEqualTo(403);
        assertThat(signUp("bob", createInvite("1h")).statusCode()).isEqualTo(201);
    }

    @Test
    void resetPassword_endSessions_delete_andListing() throws Exception {
        assertThat(signUp("alice", createInvite("1d")).statusCode()).isEqualTo(201);
        String before = logIn("alice", PASSWORD);

        AdminRun reset = AdminRun.inProcess(config, "users", "reset-password", "Alice");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).matches("[A-Za-z0-9_-]{24}\n");
        String oneTime = reset.out().trim();
        assertThat(reset.err()).isEqualTo("password of alice reset; its sessions have ended; it is one-time: the "
                + "user must change it at the next login\n");
        assertThat(login("alice", PASSWORD).statusCode()).isEqualTo(401);
        firstDatabaseRequestGetsCouchgates401(before);
        assertThat(app.send("GET", "/api/sessions/current", null, before).statusCode()).isEqualTo(401);
        String after = logIn("alice", oneTime);

        AdminRun end = AdminRun.inProcess(config, "users", "end-sessions", "alice");
        assertThat(end.exitCode()).as(end.err()).isZero();
        assertThat(end.out()).isEqualTo("ended 1 session of alice\n");
        awaitStatus("/api/sessions/current", after, 401); // a one-time session: it never reaches CouchDB
        assertThat(app.send("GET", "/database/posts/_all_docs", null, after).statusCode()).isEqualTo(401);

        String chosen = "mango-Piano-83-lantern-Quay";
        AdminRun given = AdminRun.withStdin(config, chosen + "\n", "users", "reset-password", "alice", "--stdin",
                "--no-one-time");
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.out()).isEmpty();
        assertThat(login("alice", oneTime).statusCode()).isEqualTo(401);
        String third = logIn("alice", chosen);
        AdminRun weak = AdminRun.withStdin(config, "password1234\n", "users", "reset-password", "alice", "--stdin");
        assertThat(weak.exitCode()).isEqualTo(1);
        assertThat(weak.err()).startsWith("couchgate admin: password is too easy to guess").hasLineCount(1);
        assertThat(weak.audit()).containsExactly(
                "event=admin-reset-password outcome=failed user=alice client=cli detail=weak-password");
        assertThat(given.audit()).containsExactly("event=admin-reset-password outcome=ok user=alice client=cli");
        assertThat(app.send("GET", "/api/sessions/current", null, third).statusCode()).isEqualTo(200);

        AdminRun show = AdminRun.inProcess(config, "users", "show", "alice");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).matches("username=alice created=\\S+Z hash=argon2id m=\\d+ t=\\d+ p=\\d+\n");
        AdminRun missing = AdminRun.inProcess(config, "users", "show", "nobody");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("couchgate admin: no such user: nobody\n");
        assertThat(missing.audit())
                .containsExactly("event=admin-user-show outcome=failed user=nobody client=cli detail=no-such-user");
        AdminRun endNobody = AdminRun.inProcess(config, "users", "end-sessions", "nobody");
        assertThat(endNobody.exitCode()).isEqualTo(1);
        assertThat(endNobody.audit())
                .containsExactly("event=admin-end-sessions outcome=failed user=nobody client=cli detail=no-such-user");

        AdminRun delete = AdminRun.inProcess(config, "users", "delete", "alice");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).isEqualTo("deleted alice; the name stays taken for 30 days\n");
        awaitStatus("/database/posts/_all_docs", third, 401);
        assertThat(login("alice", chosen).statusCode()).isEqualTo(401);
        HttpResponse<String> again = signUp("alice", createInvite("1d"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(delete.audit()).containsExactly("event=admin-delete-account outcome=ok user=alice client=cli");
        AdminRun deleteAgain = AdminRun.inProcess(config, "users", "delete", "alice");
        assertThat(deleteAgain.exitCode()).isEqualTo(1);
        assertThat(deleteAgain.audit()).containsExactly(
                "event=admin-delete-account outcome=failed user=alice client=cli detail=no-such-user");
    }

    @Test
    void oneTimePassword_opensASessionThatCanOnlyChangeIt_thenTheNewPasswordReachesTheDatabase() throws Exception {
        assertThat(signUp("dave", createInvite("1d")).statusCode()).isEqualTo(201);
        AdminRun reset = AdminRun.inProcess(config, "users", "reset-password", "dave");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        String oneTime = reset.out().trim();
        assertThat(AdminRun.inProcess(config, "users", "show", "dave").out()).endsWith(" password-change-required\n");

        HttpResponse<String> login = login("dave", oneTime);
        assertThat(login.statusCode()).isEqualTo(201);
        assertThat(CouchAdmin.json(login.body())).containsEntry("passwordChangeRequired", true);
        String restricted = (String) CouchAdmin.json(login.body()).get("token");
        HttpResponse<String> current = app.send("GET", "/api/sessions/current", null, restricted);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(CouchAdmin.json(current.body())).containsEntry("passwordChangeRequired", true);
        HttpResponse<String> database = app.send("GET", "/database/posts/_all_docs", null, restricted);
        assertThat(database.statusCode()).isEqualTo(403);
        assertThat(database.body()).isEqualTo("{\"error\":\"forbidden\",\"reason\":\"password change required: "
                + "PUT /api/users/current/password\"}");
        HttpResponse<String> everywhere = app.send("DELETE", "/api/sessions", null, restricted);
        assertThat(everywhere.statusCode()).isEqualTo(403);
        assertThat(CouchAdmin.json(everywhere.body())).containsEntry("type", "/problems/password-change-required");

        String chosen = "quartz-Meadow-61-harbor";
        HttpResponse<String> change = app.send("PUT", "/api/users/current/password", "{\"currentPassword\":\""
                + oneTime + "\",\"newPassword\":\"" + chosen + "\"}", restricted);
        assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
        assertThat(change.body()).isEqualTo("{\"loginRequired\":true}");
        assertThat(app.send("GET", "/api/sessions/current", null, restricted).statusCode()).isEqualTo(401);
        assertThat(login("dave", oneTime).statusCode()).isEqualTo(401);

        HttpResponse<String> again = login("dave", chosen);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(CouchAdmin.json(again.body())).containsEntry("passwordChangeRequired", false);
        String ordinary = (String) CouchAdmin.json(again.body()).get("token");
        assertThat(app.send("GET", "/database/posts/_all_docs", null, ordinary).statusCode()).isEqualTo(200);
        assertThat(AdminRun.inProcess(config, "users", "show", "dave").out()).doesNotContain("password-change");
    }

    @Test
    void forked_listsUsers_onStdoutOnly_withAuditEntriesOnStderr_andNeverThePassword() throws Exception {
        assertThat(signUp("carol", createInvite("1d")).statusCode()).isEqualTo(201);

        AdminRun list;
        try (ServerSocket serversManagementPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Object> besideAServer = new HashMap<>(config);
            besideAServer.put("couchgate.management.port", serversManagementPort.getLocalPort());
            list = AdminRun.forked(besideAServer, tmp, "users", "list");
        }
        assertThat(list.exitCode()).as("the CLI opens no management listener: " + list.err()).isZero();
        assertThat(list.out()).matches("carol created=\\S+Z\n");
        assertThat(list.err()).contains("couchgate.audit - event=admin-users-list outcome=ok client=cli")
                .hasLineCount(1);

        AdminRun reset = AdminRun.forked(config, tmp, "users", "reset-password", "carol");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        String password = reset.out().trim();
        assertThat(reset.err()).contains("event=admin-reset-password outcome=ok user=carol client=cli")
                .doesNotContain(password);
        assertThat(logIn("carol", password)).isNotBlank();

        AdminRun help = AdminRun.forked(config, tmp, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("users end-sessions NAME");
        assertThat(AdminRun.forked(config, tmp, "users", "frobnicate").exitCode()).isEqualTo(2);

        Map<String, Object> unreachable = AdminRun.config(URI.create("http://127.0.0.1:9"), tmp.resolve("data"),
                Map.of());
        AdminRun down = AdminRun.forked(unreachable, tmp, "users", "list");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.out()).isEmpty();
        assertThat(down.err().lines().filter(line -> line.startsWith("couchgate admin: ")).toList()).hasSize(1);
        assertThat(down.err()).contains("couchgate admin: GET /app_users/").doesNotContain("\tat ");
        assertThat(down.audit())
                .containsExactly("event=admin-users-list outcome=failed client=cli detail=couchdb-unavailable");
    }

    private String createInvite(String expires) {
        AdminRun create = AdminRun.inProcess(config, "invites", "create", "--expires", expires);
        assertThat(create.exitCode()).as(create.err()).isZero();
        return create.out().trim();
    }

    private void awaitListed(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!AdminRun.inProcess(config, "invites", "list").out().contains(fragment)) {
            assertThat(System.nanoTime()).as("invites list shows '" + fragment.trim() + "'").isLessThan(deadline);
            app.process().waitFor(100, TimeUnit.MILLISECONDS); // poll pause, bounded by the deadline
        }
    }

    /**
     * The session's first {@code /database} request after its user was deleted, on a raw connection (java.net.http
     * would resend a GET whose connection closed unanswered): answered with couchgate's own 401, not an empty reply.
     */
    private void firstDatabaseRequestGetsCouchgates401(String token) throws Exception {
        try (RawStream raw = RawStream.get(app.port(), 64 * 1024, "/database/posts/_all_docs", token)) {
            assertThat(raw.readHead()).isEqualTo(401);
            assertThat(raw.header("www-authenticate"))
                    .isEqualTo("Bearer realm=\"couchgate\", error=\"invalid_token\"");
            assertThat(new String(raw.readExactly(Integer.parseInt(raw.header("content-length"))),
                    StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"unauthorized\",\"reason\":"
                    + "\"The session token is invalid, expired or revoked.\"}");
        }
    }

    private void awaitStatus(String path, String token, int status) throws Exception {
        DurableInstances.awaitStatus(app, path, token, status, System.nanoTime(), DEADLINE);
    }

    private HttpResponse<String> signUp(String username, String code) throws Exception {
        String invitation = code == null ? "" : ",\"invitation\":\"" + code + "\"";
        return app.send("PUT", "/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\""
                + invitation + "}", null);
    }

    private HttpResponse<String> login(String username, String password) throws Exception {
        return app.send("PUT", "/api/sessions", "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\"}", null);
    }

    private String logIn(String username, String password) throws Exception {
        HttpResponse<String> login = login(username, password);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return (String) CouchAdmin.json(login.body()).get("token");
    }
}
