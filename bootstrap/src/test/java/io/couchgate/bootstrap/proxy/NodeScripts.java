package io.couchgate.bootstrap.proxy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node.js test scripts in {@code bootstrap/src/test/node/<folder>}, installing their pinned packages
 * ({@code npm ci --ignore-scripts}, under a file lock) when {@code node_modules} is missing, as the CouchDB harness
 * does for the dev server.
 */
public final class NodeScripts {

    private static final long NPM_CI_TIMEOUT_MINUTES = 10;
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;

    private NodeScripts() {
    }

    /**
     * @param folder the script's folder under {@code bootstrap/src/test/node}, with package.json and lock file
     * @param script the script file in it
     * @param work where to keep the script's output files
     * @param args the script's arguments
     * @return what the script printed on standard output
     * @throws AssertionError when it fails, runs over two minutes, or npm ci fails
     */
    public static String run(String folder, String script, Path work, String... args)
            throws IOException, InterruptedException {
        return run(Map.of(), folder, script, work, args);
    }

    /**
     * @param environment variables added to this JVM's for the script, e.g. {@code NODE_EXTRA_CA_CERTS}
     * @param folder the script's folder under {@code bootstrap/src/test/node}, with package.json and lock file
     * @param script the script file in it
     * @param work where to keep the script's output files
     * @param args the script's arguments
     * @return what the script printed on standard output
     * @throws AssertionError when it fails, runs over two minutes, or npm ci fails
     */
    public static String run(Map<String, String> environment, String folder, String script, Path work,
                             String... args) throws IOException, InterruptedException {
        Path dir = nodeDir().resolve(folder);
        ensureInstalled(dir);
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path out = work.resolve(folder + ".out");
        Path err = work.resolve(folder + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process node = builder.start();
        if (!node.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError(script + " ran over " + SCRIPT_TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        if (node.exitValue() != 0) {
            throw new AssertionError(script + " exited with " + node.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out);
    }

    private static void ensureInstalled(Path dir) throws IOException, InterruptedException {
        if (installed(dir)) {
            return;
        }
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "couchgate-node-test-npm-ci.lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (installed(dir)) {
                return;
            }
            Path log = Files.createTempFile("couchgate-npm-ci-", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(NPM_CI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci in " + dir + " ran over " + NPM_CI_TIMEOUT_MINUTES + " minutes");
            }
            if (npm.exitValue() != 0 || !installed(dir)) {
                throw new AssertionError("npm ci in " + dir + " failed: " + Files.readString(log));
            }
        }
    }

    private static boolean installed(Path dir) {
        return Files.isDirectory(dir.resolve("node_modules"))
                && Files.isRegularFile(dir.resolve("node_modules").resolve(".package-lock.json"));
    }

    private static Path nodeDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("bootstrap").resolve("src").resolve("test").resolve("node");
            }
        }
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath() + " holds mvnw");
    }
}
