package io.couchgate.adapters.couchdb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the embedded dev server's files in the repository and installs its pinned npm packages
 * ({@code npm ci} in {@code scripts/dev-couchdb}) when {@code node_modules} is missing.
 */
final class DevServerFiles {

    private static final long NPM_CI_TIMEOUT_MINUTES = 10;
    private static final int LOG_TAIL_CHARS = 4000;

    private DevServerFiles() {
    }

    /**
     * The folder with the dev server's {@code package.json}, lock file and {@code launcher.js}.
     *
     * @return {@code <repository root>/scripts/dev-couchdb}
     * @throws IllegalStateException when no folder above the working directory holds {@code mvnw}
     */
    static Path devDir() {
        return repoRoot().resolve("scripts").resolve("dev-couchdb");
    }

    /**
     * The launcher that runs pouchdb-server for as long as its stdin stays open.
     *
     * @return the path of {@code launcher.js}
     */
    static Path launcher() {
        return devDir().resolve("launcher.js");
    }

    /**
     * Makes sure pouchdb-server is installed: runs {@code npm ci --ignore-scripts} once, under a
     * file lock so that concurrent test JVMs do not install at the same time.
     *
     * @throws IllegalStateException when npm fails or takes longer than ten minutes
     */
    static synchronized void ensureInstalled() {
        Path dir = devDir();
        if (installed(dir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(".npm-ci.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!installed(dir)) {
                runNpmCi(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the dev CouchDB in " + dir, e);
        }
    }

    /**
     * Reads the end of a log file for an error message.
     *
     * @param file the log file; may be missing
     * @return its last few thousand characters, or a note that it is missing
     */
    static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            String text = Files.readString(file);
            return text.length() <= LOG_TAIL_CHARS ? text : "..." + text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static boolean installed(Path dir) {
        return Files.isRegularFile(dir.resolve("node_modules").resolve("pouchdb-server").resolve("package.json"));
    }

    private static void runNpmCi(Path dir) throws IOException {
        Path log = Files.createTempFile("couchgate-npm-ci-", ".log");
        List<String> command = List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
        Process npm = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        npm.getOutputStream().close();
        try {
            if (!npm.waitFor(NPM_CI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci in " + dir + " took over " + NPM_CI_TIMEOUT_MINUTES
                        + " minutes; output:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm ci in " + dir, e);
        }
        if (npm.exitValue() != 0 || !installed(dir)) {
            throw new IllegalStateException("npm ci in " + dir + " failed with status " + npm.exitValue()
                    + "; output:\n" + tail(log));
        }
        Files.deleteIfExists(log);
    }

    private static Path repoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder at or above " + start + " holds mvnw; cannot find scripts/dev-couchdb");
    }
}
