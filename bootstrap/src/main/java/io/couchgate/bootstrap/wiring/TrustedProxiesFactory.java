package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.http.api.TrustedProxies;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code couchgate.http.trusted-proxies} (IP addresses and CIDR blocks, none by default; as an environment
 * variable, comma-separated) and {@code couchgate.http.client-address-header} when the context starts: an invalid
 * value stops the start with one line naming it.
 */
@Factory
class TrustedProxiesFactory {

    static final String TRUSTED_PROXIES = "couchgate.http.trusted-proxies";
    static final String CLIENT_ADDRESS_HEADER = "couchgate.http.client-address-header";

    private static final Logger LOG = LoggerFactory.getLogger(TrustedProxiesFactory.class);

    @Context
    TrustedProxies trustedProxies(Environment env) {
        List<String> values = env.getProperty(TRUSTED_PROXIES, Argument.listOf(String.class)).orElse(List.of())
                .stream().filter(value -> !value.isBlank()).toList();
        String header = env.getProperty(CLIENT_ADDRESS_HEADER, String.class).orElse("x-forwarded-for");
        TrustedProxies.Header parsed;
        try {
            parsed = TrustedProxies.Header.parse(header);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(CLIENT_ADDRESS_HEADER + ": " + e.getMessage());
        }
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(values, parsed);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(TRUSTED_PROXIES + ": " + e.getMessage());
        }
        if (!proxies.isEmpty()) {
            LOG.info("Client addresses behind {} are read from {}", proxies.entries(), header);
        }
        return proxies;
    }
}
