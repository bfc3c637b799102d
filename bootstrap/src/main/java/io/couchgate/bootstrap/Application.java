package io.couchgate.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;

/**
 * couchgate's entry point: starts the application context (which provisions CouchDB before anything is served),
 * then the HTTP server. A failure to start ends the process with exit code 1 and one line on standard error,
 * without a stack trace. Once serving, one INFO line says where it listens and with what; at stop, one more.
 */
public final class Application {

    private Application() {
    }

    /**
     * Starts couchgate.
     *
     * @param args command-line arguments, passed to Micronaut (e.g. {@code -micronaut.server.port=9090})
     */
    public static void main(String[] args) {
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
