package io.couchgate.bootstrap;

import io.micronaut.runtime.Micronaut;

/** couchgate's entry point: starts the Micronaut application context and the HTTP server. */
public final class Application {

    private Application() {
    }

    /**
     * Starts couchgate.
     *
     * @param args command-line arguments, passed to Micronaut (e.g. {@code -micronaut.server.port=9090})
     */
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
