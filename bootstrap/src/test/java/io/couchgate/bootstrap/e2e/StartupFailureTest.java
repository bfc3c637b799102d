package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** couchgate started as a process, the way {@code java -jar} starts it, against a CouchDB that is not there. */
class StartupFailureTest {

    @TempDir
    Path tmp;

    @Test
    void startAgainstAnUnansweringCouchDb_exitsNonZero_withOneLineNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        ApplicationRun result = run("-couchgate.couchdb.url=" + url, "-couchgate.data-dir=" + tmp.resolve("data"),
                "-micronaut.server.port=-1");

        assertThat(result.exitCode()).isEqualTo(1);
        List<String> errLines = result.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertThat(errLines).hasSize(1);
        assertThat(errLines.get(0)).startsWith("couchgate did not start: ").contains(url)
                .contains("check that CouchDB runs");
        assertThat(result.stdout() + result.stderr()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void startWithPlainHttpToARemoteHost_isRefused_namingTheReason() throws Exception {
        ApplicationRun result = run("-couchgate.couchdb.url=http://couch.example.org:5984",
                "-couchgate.data-dir=" + tmp.resolve("data"), "-micronaut.server.port=-1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip()).startsWith("couchgate did not start: ")
                .contains("Basic credentials would cross the network in clear")
                .contains("couchgate.couchdb.tls.allow-insecure");
    }

    @Test
    void aBadSessionsDatabaseName_isRefused_beforeCouchDbIsContacted() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ApplicationRun result = run("-couchgate.couchdb.url=http://127.0.0.1:" + closedPort,
                "-couchgate.data-dir=" + tmp.resolve("data"), "-micronaut.server.port=-1",
                "-couchgate.sessions.store=couchdb", "-couchgate.sessions.database=Sessions");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip()).isEqualTo("couchgate did not start: couchgate.sessions.database must be "
                + "a CouchDB database name (a-z first, then a-z, 0-9 and _$()+-/, at most 238 characters), was "
                + "'Sessions'");
    }

    @Test
    void anInvalidSecretFromTheEnvironment_isRefused_namingTheVariableButNotTheValue_beforeCouchDbIsContacted()
            throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String badKey = "c2Vzc2lvbi1rZXktdGhhdC1pcy10b28tc2hvcnQ";

        ApplicationRun result = run(Map.of("COUCHGATE_SECRETS_SESSION_KEY", badKey),
                "-couchgate.couchdb.url=http://127.0.0.1:" + closedPort, "-couchgate.data-dir=" + tmp.resolve("data"),
                "-micronaut.server.port=-1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip()).isEqualTo("couchgate did not start: couchgate.secrets.session-key "
                + "(COUCHGATE_SECRETS_SESSION_KEY) must be exactly 32 bytes (43 base64url characters), was 29 bytes");
        assertThat(result.stdout() + result.stderr()).doesNotContain(badKey);
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    private ApplicationRun run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private ApplicationRun run(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return ApplicationRun.run(tmp, environment, args);
    }
}
