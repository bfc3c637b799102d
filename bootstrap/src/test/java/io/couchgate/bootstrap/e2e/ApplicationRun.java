package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * couchgate's {@code main} run as a process, the way {@code java -jar} runs it (with
 * {@code -couchgate.management.port=0} first), that is expected to exit by itself: its exit code and output.
 *
 * @param exitCode the process's exit code
 * @param stdout what it wrote to standard output
 * @param stderr what it wrote to standard error
 */
record ApplicationRun(int exitCode, String stdout, String stderr) {

    /**
     * @param tmp a directory for the output files
     * @param environment variables put over the test's environment
     * @param args the arguments after the main class
     * @return how it ended; fails the test when it has not exited within 90 s
     */
    static ApplicationRun run(Path tmp, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.couchgate.bootstrap.Application",
                "-couchgate.management.port=0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        // A watchdog, not a speed target: a cold JVM on a loaded 2-core machine once needed more than 15 s to
        // start and refuse (CI); what these tests check is that it exits, how and with which words.
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        assertThat(exited).as("couchgate exited within 90 s").isTrue();
        return new ApplicationRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
