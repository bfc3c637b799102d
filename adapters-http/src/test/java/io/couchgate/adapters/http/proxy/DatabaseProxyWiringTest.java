package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy exists exactly when bootstrap provides its settings, so other HTTP slices can start without it. */
class DatabaseProxyWiringTest {

    @Test
    void withoutSettings_thereIsNoProxy() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "micronaut.server.netty.compression-threshold", -1))) {
            assertThat(context.findBean(DatabaseProxyFilter.class)).isEmpty();
        }
    }

    @Test
    void withSettings_theProxyFilterRunsBeforeTheSecurityFilter() {
        try (ProxyUnderTest proxy = new ProxyUnderTest(URI.create("http://127.0.0.1:5984"), Duration.ofSeconds(1))) {
            DatabaseProxyFilter filter = proxy.context().getBean(DatabaseProxyFilter.class);

            assertThat(filter.getOrder())
                    .isLessThan(io.micronaut.http.filter.ServerFilterPhase.SECURITY.order());
        }
    }
}
