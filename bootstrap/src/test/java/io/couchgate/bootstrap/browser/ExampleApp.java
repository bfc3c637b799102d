package io.couchgate.bootstrap.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The example browser app (examples/react-notes), built with npm when its {@code dist/index.html} is missing or
 * older than any of its sources (every file outside {@code node_modules/} and {@code dist/}), as scripts/run does.
 */
final class ExampleApp {

    private static final Duration NPM_CI_DEADLINE = Duration.ofMinutes(5);
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(3);
    private static final int OUTPUT_SHOWN_CHARS = 6000;

    private ExampleApp() {
    }

    /** @return the repository root: the nearest folder, from the working directory up, that holds {@code mvnw} */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding mvnw at or above " + start);
    }

    /**
     * Runs {@code npm ci --no-audit --no-fund} (only without {@code node_modules/}) and {@code npm run build} when
     * the build is missing or stale.
     *
     * @param root the repository root
     * @param logDir where the npm output goes ({@code npm-ci.log}, {@code npm-build.log})
     * @return the absolute path of the up-to-date {@code dist/} folder
     * @throws IllegalStateException when npm fails, cannot start or misses its deadline; the message holds its output
     */
    static Path builtDist(Path root, Path logDir) throws IOException, InterruptedException {
        Path app = root.resolve("examples/react-notes");
        Path index = app.resolve("dist/index.html");
        if (isStale(app, index)) {
            Files.createDirectories(logDir);
            if (!Files.isDirectory(app.resolve("node_modules"))) {
                run(app, logDir.resolve("npm-ci.log"), NPM_CI_DEADLINE, List.of("npm", "ci", "--no-audit", "--no-fund"));
            }
            run(app, logDir.resolve("npm-build.log"), BUILD_DEADLINE, List.of("npm", "run", "build"));
        }
        if (!Files.isRegularFile(index)) {
            throw new IllegalStateException("npm run build left no " + index);
        }
        return index.getParent();
    }

    private static boolean isStale(Path app, Path index) throws IOException {
        if (!Files.isRegularFile(index)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(index);
        boolean[] newer = {false};
        Files.walkFileTree(app, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return name.equals("node_modules") || name.equals("dist") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                newer[0] = attrs.lastModifiedTime().compareTo(built) > 0;
                return newer[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return newer[0];
    }

    private static void run(Path dir, Path log, Duration deadline, List<String> command)
            throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command) + " in " + dir
                    + " (Node.js 20.19+ and npm must be on the PATH)", e);
        }
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " in " + dir + " did not finish within "
                    + deadline + "; its output:\n" + tail(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " in " + dir + " exited with "
                    + process.exitValue() + "; its output:\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return output.length() <= OUTPUT_SHOWN_CHARS ? output
                : "…" + output.substring(output.length() - OUTPUT_SHOWN_CHARS);
    }
}
