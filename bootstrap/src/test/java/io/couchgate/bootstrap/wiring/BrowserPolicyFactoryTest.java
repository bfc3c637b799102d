package io.couchgate.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.http.security.AllowedOrigins;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code couchgate.cors.allowed-origins} as YAML list, as one comma-separated value (environment), or absent. */
class BrowserPolicyFactoryTest {

    private final BrowserPolicyFactory factory = new BrowserPolicyFactory();

    @Test
    void applicationYamlDefault_isNoOrigin() {
        assertThat(origins(Map.of()).origins()).isEmpty();
    }

    @Test
    void list_isReadInOrder_andSerialised() {
        assertThat(origins(Map.of(BrowserPolicyFactory.ALLOWED_ORIGINS,
                List.of("https://Notes.example.org", "http://localhost:5173"))).origins())
                .containsExactly("https://notes.example.org", "http://localhost:5173");
    }

    @Test
    void commaSeparatedValue_asAnEnvironmentVariableGivesIt_isAList() {
        assertThat(origins(Map.of(BrowserPolicyFactory.ALLOWED_ORIGINS,
                "https://notes.example.org, http://localhost:5173")).origins())
                .containsExactly("https://notes.example.org", "http://localhost:5173");
    }

    @Test
    void emptyValue_isNoOrigin() {
        assertThat(origins(Map.of(BrowserPolicyFactory.ALLOWED_ORIGINS, "")).origins()).isEmpty();
    }

    @Test
    void invalidOrigin_stopsTheStart_namingTheKeyAndTheValue() {
        assertThatThrownBy(() -> origins(Map.of(BrowserPolicyFactory.ALLOWED_ORIGINS,
                List.of("https://notes.example.org/app"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("couchgate.cors.allowed-origins: 'https://notes.example.org/app' is not an "
                        + "exact origin");
    }

    private AllowedOrigins origins(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment env = context.getEnvironment().start();
            return factory.allowedOrigins(env);
        }
    }
}
