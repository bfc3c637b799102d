package io.couchgate.bootstrap.config;

import io.couchgate.adapters.http.connection.ConnectionLimits;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import java.util.Optional;

/**
 * Reads the HTTP server's connection limits ({@code couchgate.http.header-read-timeout},
 * {@code couchgate.http.max-unauthenticated-connections-per-address}); invalid values stop the start with one line.
 */
@Factory
class ConnectionLimitsFactory {

    static final String HEADER_READ_TIMEOUT = "couchgate.http.header-read-timeout";
    static final String MAX_UNAUTHENTICATED = "couchgate.http.max-unauthenticated-connections-per-address";

    /** Eager, so that an invalid value stops the start before anything else happens. */
    @Context
    ConnectionLimits connectionLimits(Environment env) {
        return new ConnectionLimits(SettingsFactory.duration(env, HEADER_READ_TIMEOUT,
                ConnectionLimits.DEFAULT_HEADER_READ_TIMEOUT.toSeconds() + "s"), cap(env));
    }

    private static int cap(Environment env) {
        Optional<Integer> cap = env.getProperty(MAX_UNAUTHENTICATED, Integer.class);
        if (cap.isEmpty() && env.containsProperty(MAX_UNAUTHENTICATED)) {
            throw new ConfigurationException(MAX_UNAUTHENTICATED + " is not a whole number");
        }
        int value = cap.orElse(ConnectionLimits.DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS);
        if (value < 1) {
            throw new ConfigurationException(MAX_UNAUTHENTICATED + " must be at least 1");
        }
        return value;
    }
}
