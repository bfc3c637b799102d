package io.couchgate.adapters.http.connection;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Gives the server the {@link ConnectionLimits} a test sets in its properties, under the keys bootstrap reads
 * ({@value #TIMEOUT}, {@value #CAP}); without {@value #TIMEOUT} there is no bean and the defaults apply.
 */
@Factory
@Requires(property = ConnectionLimitsTestBeans.TIMEOUT)
class ConnectionLimitsTestBeans {

    static final String TIMEOUT = "couchgate.http.header-read-timeout";
    static final String CAP = "couchgate.http.max-unauthenticated-connections-per-address";

    @Singleton
    ConnectionLimits connectionLimits(@Value("${" + TIMEOUT + "}") Duration timeout,
                                      @Value("${" + CAP + ":32}") int cap) {
        return new ConnectionLimits(timeout, cap);
    }
}
