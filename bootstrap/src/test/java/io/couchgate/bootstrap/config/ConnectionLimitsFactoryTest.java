package io.couchgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.http.connection.ConnectionLimits;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code couchgate.http.*} as read from the environment (application.yml plus the given properties). */
class ConnectionLimitsFactoryTest {

    private static ConnectionLimits read(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            return new ConnectionLimitsFactory().connectionLimits(context.getEnvironment().start());
        }
    }

    @Test
    void shippedConfiguration_givesTheDefaults() {
        assertThat(read(Map.of())).isEqualTo(ConnectionLimits.defaults());
        assertThat(ConnectionLimits.defaults())
                .isEqualTo(new ConnectionLimits(Duration.ofSeconds(30), 32));
    }

    @Test
    void configuredValues_areRead() {
        assertThat(read(Map.of(ConnectionLimitsFactory.HEADER_READ_TIMEOUT, "1500ms",
                ConnectionLimitsFactory.MAX_UNAUTHENTICATED, "5")))
                .isEqualTo(new ConnectionLimits(Duration.ofMillis(1500), 5));
    }

    @Test
    void invalidTimeout_isAConfigurationError_namingTheKey() {
        assertThatThrownBy(() -> read(Map.of(ConnectionLimitsFactory.HEADER_READ_TIMEOUT, "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.http.header-read-timeout is not a duration (use e.g. 30s, 5m, 7d)");
        assertThatThrownBy(() -> read(Map.of(ConnectionLimitsFactory.HEADER_READ_TIMEOUT, "0s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.http.header-read-timeout must be positive");
    }

    @Test
    void invalidCap_isAConfigurationError_namingTheKey() {
        assertThatThrownBy(() -> read(Map.of(ConnectionLimitsFactory.MAX_UNAUTHENTICATED, "many")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.http.max-unauthenticated-connections-per-address is not a whole number");
        assertThatThrownBy(() -> read(Map.of(ConnectionLimitsFactory.MAX_UNAUTHENTICATED, "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.http.max-unauthenticated-connections-per-address must be at least 1");
    }
}
