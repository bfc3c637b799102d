package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.proxy.NodeScripts;
import io.couchgate.bootstrap.testing.RecordingRelay;
import io.couchgate.bootstrap.tls.TestCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy.md, "Behind a reverse proxy", run as written: Debian's nginx with the committed site
 * (docs/deploy/nginx.conf; only its listen addresses, upstream port and certificate paths replaced, see
 * {@link #siteForTest}) in front of couchgate configured with {@code couchgate.http.trusted-proxies: 127.0.0.1}.
 * Between nginx and couchgate sits a {@link RecordingRelay}, so the test sees the request heads couchgate got.
 * Through nginx, over TLS: signup, login, a PouchDB push, pull and live sync; {@code Host} rewritten to the
 * upstream's name; a write with an {@code Origin} passes; the client address couchgate audits is the one the client
 * sent in {@code X-Forwarded-For}, not nginx's.
 */
class NginxEndToEndTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";
    private static final String ORIGIN = "https://app.example.org";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    static Path tmp;

    private static CouchDbServer couch;
    private static CouchgateProcess couchgate;
    private static RecordingRelay relay;
    private static NginxProcess nginx;
    private static List<ProcessHandle> nginxProcesses;
    private static TestCertificate certificate;
    private static HttpClient client;
    private static int httpsPort;
    private static int httpPort;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        couch = CouchDbExtension.freshServer();
        couchgate = CouchgateProcess.launch(CouchgateProcess.freePort(), couch, tmp.resolve("data"),
                tmp.resolve("couchgate.out"), "-couchgate.http.trusted-proxies=127.0.0.1",
                "-couchgate.cors.allowed-origins=" + ORIGIN).awaitHealthy();
        relay = RecordingRelay.start(couchgate.port());
        certificate = TestCertificate.write(tmp.resolve("tls"), List.of("127.0.0.1"));
        httpsPort = CouchgateProcess.freePort();
        httpPort = CouchgateProcess.freePort();
        String committed = Files.readString(repositoryRoot().resolve("docs/deploy/nginx.conf"));
        nginx = NginxProcess.start(tmp, siteForTest(committed, relay.port(), httpsPort, httpPort, certificate),
                httpsPort, httpPort);
        nginxProcesses = nginx.processes();
        client = HttpClient.newBuilder().sslContext(trusting(certificate.certificateFile()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        alice = signUpAndLogIn("alice", "198.51.100.7");
        bob = signUpAndLogIn("bob", "203.0.113.9");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (nginx != null) {
                nginx.close();
                assertThat(nginxProcesses).as("nginx's master and workers after the stop")
                        .isNotEmpty().noneMatch(ProcessHandle::isAlive);
            }
        } finally {
            try {
                if (relay != null) {
                    relay.close();
                }
                if (couchgate != null) {
                    couchgate.close();
                }
            } finally {
                if (couch != null) {
                    couch.close();
                }
            }
        }
    }

    /**
     * The committed site with only what a deployment sets differently replaced: listen on loopback test ports
     * (no IPv6 listener, which a test machine may lack), the upstream at the relay's port, a self-signed
     * certificate. Each replaced text must occur exactly once, so a changed file fails here, not silently.
     */
    static String siteForTest(String committed, int upstreamPort, int tlsPort, int plainPort, TestCertificate cert) {
        String site = committed;
        site = replaceOnce(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + upstreamPort + ";");
        site = replaceOnce(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + tlsPort + " ssl http2;");
        site = replaceOnce(site, "listen [::]:443 ssl http2;", "# no IPv6 listener in the test");
        site = replaceOnce(site, "listen 80;", "listen 127.0.0.1:" + plainPort + ";");
        site = replaceOnce(site, "listen [::]:80;", "# no IPv6 listener in the test");
        site = replaceOnce(site, "/etc/letsencrypt/live/notes.example.org/fullchain.pem",
                cert.certificateFile().toString());
        site = replaceOnce(site, "/etc/letsencrypt/live/notes.example.org/privkey.pem", cert.keyFile().toString());
        return site;
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int first = text.indexOf(target);
        assertThat(first).as("docs/deploy/nginx.conf holds '%s'", target).isNotNegative();
        assertThat(text.indexOf(target, first + 1)).as("docs/deploy/nginx.conf holds '%s' once", target)
                .isNegative();
        return text.substring(0, first) + replacement + text.substring(first + target.length());
    }

    @Test
    void loginThroughNginx_couchgateGetsHostRewritten_andAuditsTheForwardedClientAddress() throws Exception {
        List<String> login = relay.requestHeads().stream()
                .filter(head -> head.get(0).equals("PUT /api/sessions HTTP/1.1"))
                .filter(head -> head.contains("X-Forwarded-For: 198.51.100.7, 127.0.0.1")).findFirst()
                .orElseThrow(() -> new AssertionError("no login with alice's X-Forwarded-For in "
                        + relay.requestHeads()));

        assertThat(login).contains("Host: couchgate", "X-Forwarded-Proto: https").noneMatch(
                line -> line.startsWith("Host: 127.0.0.1"));
        String log = couchgate.output();
        assertThat(log).contains("event=signup outcome=ok user=alice client=198.51.100.7")
                .contains("event=login outcome=ok user=alice client=198.51.100.7")
                .contains("event=signup outcome=ok user=bob client=203.0.113.9")
                .contains("event=login outcome=ok user=bob client=203.0.113.9")
                .doesNotContain("client=127.0.0.1");
    }

    @Test
    void writeWithAnOriginThroughNginx_passes_withCorsHeadersForTheAllowedOrigin_andReadsAsCouchgateDirect()
            throws Exception {
        String note = "{\"owner\":\"alice\",\"text\":\"through nginx\"}";
        HttpResponse<String> allowed = send("PUT", "/database/posts/alice:nginx-allowed", note, alice,
                Map.of("Origin", ORIGIN));
        HttpResponse<String> other = send("PUT", "/database/posts/alice:nginx-other", note, alice,
                Map.of("Origin", "https://elsewhere.example"));

        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> viaNginx = send("GET", "/database/posts/alice:nginx-allowed", null, alice, Map.of());
        HttpResponse<String> direct = couchgate.send("GET", "/database/posts/alice:nginx-allowed", null, alice);
        assertThat(viaNginx.statusCode()).isEqualTo(200);
        assertThat(viaNginx.body()).isEqualTo(direct.body()).contains("\"text\":\"through nginx\"");
        assertThat(viaNginx.headers().firstValue("ETag")).isEqualTo(direct.headers().firstValue("ETag"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pouchDbThroughNginxOverTls_pushesAndPullsBack500Docs_andALiveSyncSeesAnotherSessionsChange()
            throws Exception {
        String remote = "https://127.0.0.1:" + httpsPort + "/database/posts";

        String output = NodeScripts.run(Map.of("NODE_EXTRA_CA_CERTS", certificate.certificateFile().toString()),
                "pouchdb-replication", "replicate.js", tmp, remote, "alice", alice, "bob", bob);

        Map<String, Object> summary = CouchAdmin.json(output);
        assertThat((Map<String, Object>) summary.get("push")).containsEntry("ok", true)
                .containsEntry("docsWritten", 500).containsEntry("failures", 0);
        assertThat((Map<String, Object>) summary.get("pull")).containsEntry("ok", true)
                .containsEntry("failures", 0);
        Map<String, Object> source = (Map<String, Object>) summary.get("source");
        assertThat(source).containsEntry("count", 500).containsEntry("withAttachments", 50);
        assertThat((Map<String, Object>) summary.get("back")).isEqualTo(source);
        assertThat((Map<String, Object>) summary.get("live")).containsEntry("id", "bob:live")
                .containsEntry("owner", "bob");
        assertThat(relay.requestLines()).anyMatch(l -> l.startsWith("POST /database/posts/_bulk_docs "))
                .anyMatch(l -> l.startsWith("POST /database/posts/_revs_diff "))
                .anyMatch(l -> l.startsWith("GET /database/posts/_changes?") && l.contains("feed=longpoll"));
    }

    @Test
    void plainHttp_isRedirectedToHttps() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/sessions/current")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(301);
        assertThat(answer.headers().firstValue("Location")).hasValue("https://127.0.0.1/api/sessions/current");
    }

    private static String signUpAndLogIn(String username, String forwardedFor) throws Exception {
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
        Map<String, String> xff = Map.of("X-Forwarded-For", forwardedFor);
        HttpResponse<String> signup = send("PUT", "/api/users", credentials, null, xff);
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        assertThat(signup.body()).isEqualTo("{\"username\":\"" + username + "\"}");
        HttpResponse<String> login = send("PUT", "/api/sessions", credentials, null, xff);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        Matcher m = TOKEN.matcher(login.body());
        assertThat(m.find()).as(login.body()).isTrue();
        return m.group(1);
    }

    /** A request to nginx over TLS (HTTP/2, as a browser would negotiate it). */
    private static HttpResponse<String> send(String method, String path, String json, String token,
                                             Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** @return the nearest folder, from the working directory up, that holds {@code mvnw} */
    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IOException("no folder above the working directory holds mvnw");
    }
}
