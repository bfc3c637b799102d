package io.couchgate.adapters.couchdb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One embedded dev server (pouchdb-server, in memory) run through {@code scripts/dev-couchdb/launcher.js}
 * on a free loopback port, in a fresh temporary working directory with its own config file.
 *
 * <p>This JVM holds the launcher's stdin open; the launcher stops pouchdb-server when that pipe
 * closes, so the server dies with this JVM even when the JVM is killed. A shutdown hook stops it
 * on an orderly exit.
 */
final class DevCouchDbProcess {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;
    private static final long STOP_GRACE_SECONDS = 5;

    private final Process launcher;
    private final Path workDir;
    private final URI url;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private DevCouchDbProcess(Process launcher, Path workDir, URI url) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.url = url;
        this.shutdownHook = new Thread(this::stop, "dev-couchdb-stop");
    }

    /**
     * Installs the dev server when needed and starts a new instance in admin party.
     *
     * @return the running server, answering {@code GET /}
     * @throws IllegalStateException when it dies during start or does not answer within a minute
     */
    static DevCouchDbProcess start() {
        DevServerFiles.ensureInstalled();
        PortInUseException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try {
                return startOn(freePort());
            } catch (PortInUseException e) {
                last = e;
            }
        }
        throw new IllegalStateException("the dev CouchDB found its port taken " + PORT_ATTEMPTS + " times", last);
    }

    /**
     * Where the server answers.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    URI url() {
        return url;
    }

    /** Stops the server and deletes its working directory; safe to call more than once. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        List<ProcessHandle> family = launcher.descendants().toList();
        closeStdin();
        awaitExit();
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteRecursively(workDir);
        removeShutdownHook();
    }

    private static DevCouchDbProcess startOn(int port) {
        Path work = createWorkDir();
        Process process = spawn(work, port);
        DevCouchDbProcess server = new DevCouchDbProcess(process, work, URI.create("http://" + HOST + ":" + port));
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.awaitAnswer();
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private static Process spawn(Path work, int port) {
        List<String> command = List.of("node", DevServerFiles.launcher().toString(),
                "--in-memory", "--port", String.valueOf(port), "--host", HOST,
                "--config", work.resolve("config.json").toString(), "-n");
        try {
            return new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("launcher.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (is Node.js installed?): " + e.getMessage(), e);
        }
    }

    private void awaitAnswer() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers(client)) {
            boolean exited = exitedWithin(Duration.ofMillis(100));
            if (DevServerFiles.tail(workDir.resolve("launcher.out")).contains("already in use")) {
                throw new PortInUseException(url.getPort());
            }
            if (exited) {
                throw new IllegalStateException("the dev CouchDB died during start (launcher exit status "
                        + launcher.exitValue() + ")" + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dev CouchDB did not answer GET " + url + "/ within "
                        + START_TIMEOUT.toSeconds() + " s" + logs());
            }
        }
    }

    private boolean answers(HttpClient client) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the dev CouchDB", e);
        }
    }

    private boolean exitedWithin(Duration wait) {
        try {
            return launcher.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the dev CouchDB", e);
        }
    }

    private String logs() {
        return "\n--- launcher output ---\n" + DevServerFiles.tail(workDir.resolve("launcher.out"))
                + "\n--- log.txt ---\n" + DevServerFiles.tail(workDir.resolve("log.txt"));
    }

    private void closeStdin() {
        try {
            launcher.getOutputStream().close();
        } catch (IOException e) {
            launcher.destroy();
        }
    }

    private void awaitExit() {
        try {
            if (!launcher.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                launcher.destroy();
                if (!launcher.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    launcher.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            launcher.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Running inside the hook itself: nothing to remove.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("couchgate-dev-couchdb-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for the dev CouchDB", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }
}
