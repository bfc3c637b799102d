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
        assertThat(instances(Map.of())).isEqualTo(new InstanceSettings("memory", Duration.ofSeconds(10),
                "couchgate_sessions", Duration.ofMinutes(1)));
    }

    @Test
    void explicitValues_areTaken() {
        assertThat(instances(Map.of("couchgate.sessions.store", "Memory",
                "couchgate.instances.lease-interval", "1500ms")))
                .isEqualTo(new InstanceSettings("memory", Duration.ofMillis(1500), "couchgate_sessions",
                        Duration.ofMinutes(1)));
    }

    @Test
    void couchDbStore_withItsDatabaseAndGrace() {
        InstanceSettings settings = instances(Map.of("couchgate.sessions.store", " CouchDB ",
                "couchgate.sessions.database", "team_sessions", "couchgate.sessions.orphan-grace", "2s"));
        assertThat(settings).isEqualTo(new InstanceSettings("couchdb", Duration.ofSeconds(10), "team_sessions",
                Duration.ofSeconds(2)));
        assertThat(settings.durable()).isTrue();
        assertThat(instances(Map.of()).durable()).isFalse();
    }

    @Test
    void aBadSessionsDatabaseOrGrace_stopsTheStart_namingTheKey() {
        assertThatThrownBy(() -> instances(Map.of("couchgate.sessions.database", "Sessions")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.sessions.database must be a CouchDB database name (a-z first, then a-z, "
                        + "0-9 and _$()+-/, at most 238 characters), was 'Sessions'");
        assertThatThrownBy(() -> instances(Map.of("couchgate.sessions.database", "_users")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("couchgate.sessions.database");
        assertThatThrownBy(() -> instances(Map.of("couchgate.sessions.orphan-grace", "0s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.sessions.orphan-grace must be positive");
    }

    @Test
    void unknownStoreOrBadInterval_stopTheStart_namingTheKey() {
        assertThatThrownBy(() -> instances(Map.of("couchgate.sessions.store", "redis")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.sessions.store must be memory or couchdb, was 'redis'");
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
