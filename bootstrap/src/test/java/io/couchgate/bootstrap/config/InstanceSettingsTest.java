package io.couchgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceSettingsTest {

    private final SettingsFactory factory = new SettingsFactory();

    @Test
    void defaults_memoryStore_tenSecondLeaseInterval() {
        assertThat(instances(Map.of())).isEqualTo(new InstanceSettings("memory", Duration.ofSeconds(10)));
    }

    @Test
    void explicitValues_areTaken() {
        assertThat(instances(Map.of("couchgate.sessions.store", "Memory",
                "couchgate.instances.lease-interval", "1500ms")))
                .isEqualTo(new InstanceSettings("memory", Duration.ofMillis(1500)));
    }

    @Test
    void couchDbStore_isRefusedAsNotYetAvailable() {
        assertThatThrownBy(() -> instances(Map.of("couchgate.sessions.store", "couchdb")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.sessions.store: couchdb is not yet available; use memory (see docs/scaling.md)");
    }

    @Test
    void unknownStoreOrBadInterval_stopTheStart_namingTheKey() {
        assertThatThrownBy(() -> instances(Map.of("couchgate.sessions.store", "redis")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.sessions.store must be memory (couchdb is planned), was 'redis'");
        assertThatThrownBy(() -> instances(Map.of("couchgate.instances.lease-interval", "0s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.instances.lease-interval must be positive");
        assertThatThrownBy(() -> instances(Map.of("couchgate.instances.lease-interval", "often")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.instances.lease-interval is not a duration (use e.g. 30s, 5m, 7d)");
    }

    private InstanceSettings instances(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment env = context.getEnvironment().start();
            return factory.instances(env);
        }
    }
}
