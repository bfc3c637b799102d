package io.couchgate.bootstrap.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.bootstrap.admin.AdminCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * One run of the admin CLI and what it wrote: in this JVM ({@link AdminCli#run}, with its streams captured), or
 * forked as {@code java -cp <test classpath> io.couchgate.bootstrap.Application admin ...} (the jar's main class).
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 * @param audit the audit entries it wrote (logger {@value AuditLog#LOGGER}), in order, each as its message
 */
record AdminRun(int exitCode, String out, String err, List<String> audit) {

    private static final String AUDIT_LINE = AuditLog.LOGGER + " - ";

    /**
     * @param couchDbUrl the CouchDB
     * @param dataDir the data folder with the servers' secrets
     * @param extra more configuration (e.g. {@code couchgate.sessions.store}); without
     *     {@code couchgate.couchdb.compatibility}, {@link CouchDbExtension#compatibilityAt} the URL
     * @return the configuration the CLI gets in these tests
     */
    static Map<String, Object> config(URI couchDbUrl, Path dataDir, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("couchgate.couchdb.url", couchDbUrl.toString());
        properties.put("couchgate.data-dir", dataDir.toString());
        properties.putIfAbsent("couchgate.password.argon2.memory-kib", 1024);
        properties.putIfAbsent("couchgate.password.argon2.iterations", 1);
        properties.computeIfAbsent("couchgate.couchdb.compatibility",
                key -> CouchDbExtension.compatibilityAt(couchDbUrl));
        return properties;
    }

    /** Runs the CLI in this JVM with {@code stdin} as standard input. */
    static AdminRun withStdin(Map<String, Object> config, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        ListAppender<ILoggingEvent> entries = new ListAppender<>();
        entries.start();
        logger.addAppender(entries);
        int code;
        try {
            code = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), config);
        } finally {
            logger.detachAppender(entries);
        }
        String thread = Thread.currentThread().getName();
        List<String> audit = entries.list.stream().filter(entry -> entry.getThreadName().equals(thread))
                .map(ILoggingEvent::getFormattedMessage).toList();
        return new AdminRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), audit);
    }

    /** Runs the CLI in this JVM with empty standard input. */
    static AdminRun inProcess(Map<String, Object> config, String... args) {
        return withStdin(config, "", args);
    }

    /** Runs the CLI as its own process (configuration as {@code -D} system properties), within 120 s. */
    static AdminRun forked(Map<String, Object> config, Path tmp, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.couchgate.bootstrap.Application",
                "admin"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "admin", ".out");
        Path err = Files.createTempFile(tmp, "admin", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the admin CLI did not exit within 120 s");
        }
        String errors = Files.readString(err);
        List<String> audit = errors.lines().filter(line -> line.contains(AUDIT_LINE))
                .map(line -> line.substring(line.indexOf(AUDIT_LINE) + AUDIT_LINE.length())).toList();
        return new AdminRun(process.exitValue(), Files.readString(out), errors, audit);
    }
}
