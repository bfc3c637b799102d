package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Micronaut's own CORS stays out of the way: its drive-by-localhost check off, and enabling it refused. */
class MicronautCorsSettingsTest {

    @Test
    void localhostPassThrough_isOn_evenWhenConfiguredOff() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "micronaut.server.cors.localhost-pass-through", false))) {
            assertThat(context.getBean(HttpServerConfiguration.CorsConfiguration.class).isLocalhostPassThrough())
                    .isTrue();
        }
    }

    @Test
    void micronautsCorsEnabled_stopsTheStart_namingCouchgatesSetting() {
        Throwable failure = catchThrowable(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1, "micronaut.server.cors.enabled", true)).close());

        assertThat(rootCause(failure)).isInstanceOf(IllegalStateException.class).hasMessage("couchgate answers CORS "
                + "itself: set couchgate.cors.allowed-origins and leave micronaut.server.cors.enabled false");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
