package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.bootstrap.testing.RecordingRelay;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link CouchgateStack} for the CouchDB outage tests of {@code /api}, with the short timeouts they configure, and
 * the calls and checks they share. Each username gets its own client address, reported by the loopback (trusted)
 * proxy in {@code X-Forwarded-For}, so the per-address signup limit (10 an hour) never decides a test.
 */
final class OutageApi implements AutoCloseable {

    /** {@code couchgate.couchdb.connect-timeout} in these tests. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * {@code couchgate.couchdb.request-timeout} in these tests: short, yet long enough for the dev CouchDB to answer
     * the start's provisioning on a loaded machine (1 s once timed out there).
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** The longest a refused call may take: the longer timeout, plus room for a loaded machine. */
    static final Duration BOUND = REQUEST_TIMEOUT.plusSeconds(4);
    /** How long CouchDB may take to count as back after an outage, and the orphan sweep to run. */
    static final Duration BACK_WITHIN = Duration.ofSeconds(15);
    static final String PASSWORD = "vivid-otter-gains-42-lamps";
    static final String NEW_PASSWORD = "mango-Piano-83-lantern-Quay";

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private final CouchgateStack stack;
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final AtomicInteger nextAddress = new AtomicInteger();

    private OutageApi(CouchgateStack stack) {
        this.stack = stack;
    }

    /** Starts dev CouchDB, relay and couchgate with short CouchDB timeouts and a 1 s lease interval (the sweep). */
    static OutageApi start() throws IOException {
        return start(Map.of());
    }

    /**
     * @param extra more couchgate configuration, e.g. the durable session mode
     * @return {@link #start()} with that configuration added
     */
    static OutageApi start(Map<String, Object> extra) throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>(Map.of(
                "couchgate.couchdb.connect-timeout", CONNECT_TIMEOUT.toMillis() + "ms",
                "couchgate.couchdb.request-timeout", REQUEST_TIMEOUT.toMillis() + "ms",
                "couchgate.instances.lease-interval", "1s",
                "couchgate.http.trusted-proxies", List.of("127.0.0.1")));
        properties.putAll(extra);
        return new OutageApi(CouchgateStack.start(true, properties));
    }

    CouchgateStack stack() {
        return stack;
    }

    RecordingRelay relay() {
        return stack.relay();
    }

    /** An answer and how long it took. */
    record Timed(RawResponse response, Duration took) {
    }

    /** Times one call. */
    static Timed timed(Supplier<RawResponse> call) {
        long started = System.nanoTime();
        RawResponse response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Asserts the one answer every {@code /api} call gives when CouchDB fails: 503 problem+json
     * {@code couchdb-unavailable} with {@code Retry-After: 5} (README, "Problem types"), within {@link #BOUND}.
     */
    void assertCouchDbUnavailable(Timed refused) {
        RawResponse response = refused.response();
        assertThat(response.status()).as(response.bodyText()).isEqualTo(503);
        assertThat(response.header("content-type")).contains("application/problem+json");
        assertThat(response.header("retry-after")).contains("5");
        assertThat(stack.parse(response.bodyText())).isEqualTo(Map.of(
                "type", "/problems/couchdb-unavailable",
                "title", "Database unavailable",
                "status", 503,
                "detail", "the database is unavailable; try again later"));
        assertThat(refused.took()).isLessThan(BOUND);
    }

    /** Polls {@code /health} until it answers 200 (CouchDB reachable again), within {@link #BACK_WITHIN}. */
    void awaitHealthy() {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        RawResponse last;
        do {
            last = RawHttp.send(stack.couchgatePort(), "GET", "/health", Map.of(), null);
            if (last.status() == 200) {
                return;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("/health still " + last.status() + " after " + BACK_WITHIN + ": " + last.bodyText());
    }

    /** Polls until the user has no session user in {@code _users}, within {@link #BACK_WITHIN}. */
    void awaitNoSessionUsersOf(String username) {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        List<String> left;
        do {
            left = sessionUsersOf(username);
            if (left.isEmpty()) {
                return;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("session users of " + username + " still there after " + BACK_WITHIN + ": " + left);
    }

    /** @return the ids of the user's session users in {@code _users}, read straight from CouchDB as its admin */
    @SuppressWarnings("unchecked")
    List<String> sessionUsersOf(String username) {
        RawResponse all = stack.direct("GET", "/_users/_all_docs", CouchgateStack.json(), null);
        assertThat(all.status()).as(all.bodyText()).isEqualTo(200);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) stack.parse(all.bodyText()).get("rows");
        return rows.stream().map(row -> (String) row.get("id"))
                .filter(id -> id.startsWith("org.couchdb.user:users/") && id.contains("/" + username + "/"))
                .toList();
    }

    RawResponse signUp(String username, String password) {
        return call("PUT", "/api/users", username, null, credentials(username, password));
    }

    RawResponse logIn(String username, String password) {
        return call("PUT", "/api/sessions", username, null, credentials(username, password));
    }

    /** Logs in and returns the token; the login must succeed. */
    String token(String username, String password) {
        RawResponse login = logIn(username, password);
        assertThat(login.status()).as(login.bodyText()).isEqualTo(201);
        Matcher token = TOKEN.matcher(login.bodyText());
        assertThat(token.find()).as(login.bodyText()).isTrue();
        return token.group(1);
    }

    /** Signs a new user up with {@link #PASSWORD} and returns a session token. */
    String signUpAndLogIn(String username) {
        RawResponse signup = signUp(username, PASSWORD);
        assertThat(signup.status()).as(signup.bodyText()).isEqualTo(201);
        return token(username, PASSWORD);
    }

    RawResponse current(String username, String token) {
        return call("GET", "/api/sessions/current", username, token, null);
    }

    RawResponse logOut(String username, String token) {
        return call("DELETE", "/api/sessions/current", username, token, null);
    }

    RawResponse logOutEverywhere(String username, String token) {
        return call("DELETE", "/api/sessions", username, token, null);
    }

    RawResponse changePassword(String username, String token, String current, String fresh) {
        return call("PUT", "/api/users/current/password", username, token,
                bytes("{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + fresh + "\"}"));
    }

    RawResponse deleteAccount(String username, String token, String password) {
        return call("DELETE", "/api/users/current", username, token, bytes("{\"password\":\"" + password + "\"}"));
    }

    RawResponse health() {
        return RawHttp.send(stack.couchgatePort(), "GET", "/health", Map.of(), null);
    }

    /** The stored {@code app_users} document of the user, straight from CouchDB. */
    RawResponse appUserDocument(String username) {
        return stack.direct("GET", "/app_users/user:" + username, CouchgateStack.json(), null);
    }

    private RawResponse call(String method, String path, String username, String token, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(CouchgateStack.json());
        headers.put("X-Forwarded-For", addresses.computeIfAbsent(username, name -> {
            int n = nextAddress.incrementAndGet();
            return "10.77." + (n / 250) + "." + (n % 250 + 1);
        }));
        return stack.through(method, path, token, headers, body);
    }

    private static byte[] credentials(String username, String password) {
        return bytes("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    @Override
    public void close() throws IOException {
        stack.close();
    }
}
