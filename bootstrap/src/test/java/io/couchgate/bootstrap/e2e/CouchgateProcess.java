package io.couchgate.bootstrap.e2e;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * couchgate as a process of its own ({@code java -cp <test classpath> io.couchgate.bootstrap.Application}) on a
 * given loopback port, so a test can run several instances, kill one with SIGKILL or stop one with SIGTERM.
 */
final class CouchgateProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern INSTANCE = Pattern.compile("couchgate instance ([0-9a-f-]{36}) started");

    private final Process process;
    private final int port;
    private final Path output;
    private final long launchedAt;
    private volatile long healthyAt;

    private CouchgateProcess(Process process, int port, Path output, long launchedAt) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.launchedAt = launchedAt;
    }

    /**
     * @param port where it listens
     * @param couchDbUrl its CouchDB
     * @param dataDir its data dir (secrets file)
     * @param output where its standard output and error go
     * @param extraArgs more configuration, e.g. {@code -couchgate.instances.lease-interval=1s}
     * @return the process, just launched
     */
    static CouchgateProcess launch(int port, URI couchDbUrl, Path dataDir, Path output, String... extraArgs)
            throws IOException {
        return launch(Map.of(), port, couchDbUrl, dataDir, output, extraArgs);
    }

    /**
     * Launches couchgate on a server from the test harness, with {@link CouchDbServer#couchgateEnvironment()} (its
     * compatibility, and a {@link CouchDbExtension#freshServer()}'s bootstrap admin, as an operator gives them).
     *
     * @param port where it listens
     * @param couch its CouchDB
     * @param dataDir its data dir (secrets file)
     * @param output where its standard output and error go
     * @param extraArgs more configuration
     * @return the process, just launched
     */
    static CouchgateProcess launch(int port, CouchDbServer couch, Path dataDir, Path output, String... extraArgs)
            throws IOException {
        return launch(couch.couchgateEnvironment(), port, couch.url(), dataDir, output, extraArgs);
    }

    /**
     * @param environment environment variables added to this test's, e.g. {@code COUCHGATE_SECRETS_*}
     * @param port where it listens
     * @param couchDbUrl its CouchDB
     * @param dataDir its data dir (secrets file)
     * @param output where its standard output and error go
     * @param extraArgs more configuration
     * @return the process, just launched
     */
    static CouchgateProcess launch(Map<String, String> environment, int port, URI couchDbUrl, Path dataDir,
                                   Path output, String... extraArgs) throws IOException {
        return launch(environment, "-Xmx256m", port, couchDbUrl, dataDir, output, extraArgs);
    }

    /**
     * @param environment environment variables added to this test's
     * @param maxHeap the JVM's {@code -Xmx} option, e.g. {@code -Xmx128m}
     * @param port where it listens
     * @param couchDbUrl its CouchDB
     * @param dataDir its data dir (secrets file)
     * @param output where its standard output and error go
     * @param extraArgs more configuration; a key given here replaces this class's default for it (cheap Argon2id,
     *     a 30 s hashing queue, {@code couchgate.couchdb.compatibility} as {@link CouchDbExtension#compatibilityAt}
     *     the URL)
     * @return the process, just launched
     */
    static CouchgateProcess launch(Map<String, String> environment, String maxHeap, int port, URI couchDbUrl,
                                   Path dataDir, Path output, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), maxHeap,
                "-cp", System.getProperty("java.class.path"), "io.couchgate.bootstrap.Application",
                "-micronaut.server.port=" + port, "-couchgate.management.port=0", // free: instances run side by side
                "-couchgate.couchdb.url=" + couchDbUrl,
                "-couchgate.data-dir=" + dataDir, "-couchgate.sessions.reaper-interval=1h"));
        List<String> defaults = List.of("-couchgate.password.argon2.memory-kib=1024",
                "-couchgate.password.argon2.iterations=1",
                // A cold forked JVM on a loaded 2-core machine once waited over the default 2 s for its first
                // login's turn (503 server-busy); these tests are about instances, not about that bound.
                "-couchgate.password.queue-timeout=30s",
                "-couchgate.couchdb.compatibility=" + CouchDbExtension.compatibilityAt(couchDbUrl));
        for (String option : defaults) {
            String key = option.substring(0, option.indexOf('=') + 1);
            if (List.of(extraArgs).stream().noneMatch(arg -> arg.startsWith(key))) {
                command.add(option);
            }
        }
        command.addAll(List.of(extraArgs));
        long launchedAt = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new CouchgateProcess(process, port, output, launchedAt);
    }

    /**
     * Polls {@code GET /health} every 25 ms, so that {@link #startToHealthy()} is exact to about that much.
     *
     * @return this process once it answers {@code GET /health} with 200 (within 90 s), else it is killed
     */
    CouchgateProcess awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("couchgate exited during start:\n" + output());
            }
            try {
                if (send("GET", "/health", null, null).statusCode() == 200) {
                    healthyAt = System.nanoTime();
                    return this;
                }
            } catch (IOException notYetListening) {
                // not bound yet
            }
            process.waitFor(25, TimeUnit.MILLISECONDS); // bounded pause, ends early if it dies
        }
        process.destroyForcibly();
        throw new IllegalStateException("couchgate did not answer /health within 90 s:\n" + output());
    }

    /**
     * @return the wall time from just before the process was launched to its first {@code GET /health} 200
     * @throws IllegalStateException before {@link #awaitHealthy()} has returned
     */
    Duration startToHealthy() {
        if (healthyAt == 0) {
            throw new IllegalStateException("not healthy yet");
        }
        return Duration.ofNanos(healthyAt - launchedAt);
    }

    /** kill -9 (SIGKILL): the process gets no chance to clean up; returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * A graceful stop (SIGTERM), as a service manager does it.
     *
     * @return the exit code
     * @throws IllegalStateException when it has not exited within 30 s (it is then killed)
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("couchgate did not exit within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** @return a free loopback port */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** @return the instance id it logged at start */
    String instanceId() throws IOException {
        Matcher m = INSTANCE.matcher(output());
        if (!m.find()) {
            throw new IllegalStateException("no instance id in the output:\n" + output());
        }
        return m.group(1);
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /**
     * @param method HTTP method
     * @param path path on this instance
     * @param jsonBody JSON body or null
     * @param token bearer token or null
     * @return the answer
     */
    HttpResponse<String> send(String method, String path, String jsonBody, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
