package io.couchgate.bootstrap;

import io.couchgate.bootstrap.admin.AdminCli;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;

/**
 * couchgate's entry point: starts the application context (which provisions CouchDB before anything is served),
 * then the HTTP server. A failure to start ends the process with exit code 1 and one line on standard error,
 * without a stack trace. Once serving, one INFO line says where it listens and with what; at stop, one more.
 */
public final class Application {

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    private Application() {
    }

    /**
     * Starts couchgate, or with {@code admin} first runs the admin CLI ({@link AdminCli}) and exits with its code.
     * {@code --version} and {@code --help} print and exit 0; any argument that is not a property is a usage error
     * (exit 2) and starts nothing ({@link ServerCommandLine}).
     *
     * @param args command-line arguments: Micronaut properties (e.g. {@code -micronaut.server.port=9090}); or
     *             {@code admin} and the admin command; or {@code --version} / {@code --help}
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            // before anything logs: the CLI's logging writes audit entries and warnings to stderr, nothing to stdout
            if (System.getProperty(LOGBACK_CONFIG) == null) {
                System.setProperty(LOGBACK_CONFIG, "logback-admin.xml");
            }
            System.exit(AdminCli.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err, System.in,
                    Map.of()));
        }
        OptionalInt exit = ServerCommandLine.handle(args, System.out, System.err);
        if (exit.isPresent()) {
            System.exit(exit.getAsInt());
        }
        ApplicationContext context = null;
        try {
            context = Micronaut.build(args).mainClass(Application.class).banner(false).build().start();
            context.findBean(EmbeddedApplication.class).ifPresent(EmbeddedApplication::start);
            ApplicationContext started = context;
            StartStopLines.started(started);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                StartStopLines.stopped();
            }, "couchgate-shutdown"));
        } catch (RuntimeException e) {
            System.err.println("couchgate did not start: " + StartupFailure.describe(e));
            closeQuietly(context);
            System.exit(1);
        }
    }

    private static void closeQuietly(ApplicationContext context) {
        try {
            if (context != null && context.isRunning()) {
                context.close();
            }
        } catch (RuntimeException ignored) {
            // Already failing; the one line above says why.
        }
    }
}
