package io.couchgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.password.BoundedPasswordHasher;
import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.domain.HashParameters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitSettingsTest {

    private final SettingsFactory factory = new SettingsFactory();

    @Test
    void defaults_hashesFromTheHeap_twoSecondQueue_twentySessions() {
        LimitSettings limits = limits(Map.of());

        assertThat(limits.maxConcurrentHashes()).isEqualTo(BoundedPasswordHasher.defaultMaxConcurrent(
                Runtime.getRuntime().maxMemory(), HashParameters.OWASP_MINIMUM)).isPositive();
        assertThat(limits.hashQueueTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limits.maxSessionsPerUser()).isEqualTo(20);
    }

    @Test
    void autoFollowsTheArgon2Memory() {
        LimitSettings limits = limits(Map.of("couchgate.password.max-concurrent-hashes", "auto",
                "couchgate.password.argon2.memory-kib", "65536"));

        assertThat(limits.maxConcurrentHashes()).isEqualTo(BoundedPasswordHasher.defaultMaxConcurrent(
                Runtime.getRuntime().maxMemory(), new HashParameters(65536, 2, 1)));
    }

    @Test
    void explicitValues_areTaken() {
        LimitSettings limits = limits(Map.of("couchgate.password.max-concurrent-hashes", "3",
                "couchgate.password.queue-timeout", "500ms", "couchgate.sessions.max-per-user", "5"));

        assertThat(limits).isEqualTo(new LimitSettings(3, Duration.ofMillis(500), 5));
    }

    @Test
    void invalidValues_stopTheStart_namingTheKey() {
        assertThatThrownBy(() -> limits(Map.of("couchgate.password.max-concurrent-hashes", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.password.max-concurrent-hashes must be a whole number of at least 1 or auto,"
                        + " was '0'");
        assertThatThrownBy(() -> limits(Map.of("couchgate.sessions.max-per-user", "many")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.sessions.max-per-user must be a whole number of at least 1, was 'many'");
        assertThatThrownBy(() -> limits(Map.of("couchgate.password.queue-timeout", "0s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.password.queue-timeout must be positive");
    }

    private LimitSettings limits(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment env = context.getEnvironment().start();
            return factory.limits(env, factory.settings(env));
        }
    }
}
