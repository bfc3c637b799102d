package io.couchgate.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.http.api.TrustedProxies;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code couchgate.http.trusted-proxies} and {@code client-address-header}: YAML list, environment value, absent. */
class TrustedProxiesFactoryTest {

    private final TrustedProxiesFactory factory = new TrustedProxiesFactory();

    @Test
    void absent_trustsNobody_andReadsXForwardedFor() {
        TrustedProxies proxies = proxies(Map.of());
        assertThat(proxies.isEmpty()).isTrue();
        assertThat(proxies.header()).isEqualTo(TrustedProxies.Header.X_FORWARDED_FOR);
    }

    @Test
    void listOrCommaSeparatedValue_andTheForwardedHeader() {
        TrustedProxies listed = proxies(Map.of(TrustedProxiesFactory.TRUSTED_PROXIES, List.of("10.0.0.0/8", "::1"),
                TrustedProxiesFactory.CLIENT_ADDRESS_HEADER, "forwarded"));
        TrustedProxies fromEnv = proxies(Map.of(TrustedProxiesFactory.TRUSTED_PROXIES, "10.0.0.0/8, ::1"));

        assertThat(listed.entries()).containsExactly("10.0.0.0/8", "::1");
        assertThat(listed.header()).isEqualTo(TrustedProxies.Header.FORWARDED);
        assertThat(fromEnv.entries()).containsExactly("10.0.0.0/8", "::1");
    }

    @Test
    void invalidValues_stopTheStart_namingTheKeyAndTheValue() {
        assertThatThrownBy(() -> proxies(Map.of(TrustedProxiesFactory.TRUSTED_PROXIES, "proxy.internal")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.http.trusted-proxies: not an IP address or CIDR block: proxy.internal");
        assertThatThrownBy(() -> proxies(Map.of(TrustedProxiesFactory.CLIENT_ADDRESS_HEADER, "x-real-ip")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.http.client-address-header: neither x-forwarded-for nor forwarded: x-real-ip");
    }

    private TrustedProxies proxies(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment env = context.getEnvironment().start();
            return factory.trustedProxies(env);
        }
    }
}
