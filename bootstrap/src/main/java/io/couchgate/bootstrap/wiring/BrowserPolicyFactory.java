package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.http.security.AllowedOrigins;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import java.util.List;

/**
 * Reads {@code couchgate.cors.allowed-origins} (a list of exact origins, empty by default; as an environment
 * variable, comma-separated) when the context starts: an invalid origin stops the start with one line. The origins
 * are the ones CORS allows under {@code /api} and {@code /database} ({@code CorsPolicy}), and they widen the pages'
 * CSP {@code connect-src}.
 */
@Factory
class BrowserPolicyFactory {

    static final String ALLOWED_ORIGINS = "couchgate.cors.allowed-origins";

    @Context
    AllowedOrigins allowedOrigins(Environment env) {
        List<String> values = env.getProperty(ALLOWED_ORIGINS, Argument.listOf(String.class)).orElse(List.of());
        try {
            return AllowedOrigins.parse(values.stream().filter(value -> !value.isBlank()).toList());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ALLOWED_ORIGINS + ": " + e.getMessage());
        }
    }
}
