package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static TrustedProxies of(String... values) {
        return TrustedProxies.parse(List.of(values), TrustedProxies.Header.X_FORWARDED_FOR);
    }

    @Test
    void addressesAndCidrBlocks_ipv4AndIpv6() {
        TrustedProxies proxies = of(" 10.0.0.0/8 ", "192.0.2.7", "fd00::/8", "::1");

        assertThat(proxies.contains(TrustedProxies.literal("10.200.3.4"))).isTrue();
        assertThat(proxies.contains(TrustedProxies.literal("11.0.0.1"))).isFalse();
        assertThat(proxies.contains(TrustedProxies.literal("192.0.2.7"))).isTrue();
        assertThat(proxies.contains(TrustedProxies.literal("192.0.2.8"))).isFalse();
        assertThat(proxies.contains(TrustedProxies.literal("fd12:3456::1"))).isTrue();
        assertThat(proxies.contains(TrustedProxies.literal("fe80::1"))).isFalse();
        assertThat(proxies.contains(TrustedProxies.literal("::1"))).isTrue();
        assertThat(proxies.contains(TrustedProxies.literal("::ffff:10.1.1.1"))).as("IPv4-mapped").isTrue();
        assertThat(proxies.entries()).containsExactly("10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1");
    }

    @Test
    void none_trustsNobody() {
        assertThat(TrustedProxies.NONE.isEmpty()).isTrue();
        assertThat(TrustedProxies.NONE.contains(TrustedProxies.literal("127.0.0.1"))).isFalse();
        assertThat(of().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.org", "localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0/8",
        "10.0.0.1/-1", "", "*", "fe80::1%eth0"})
    void anythingButAnAddressOrCidrBlock_isRefused_namingIt(String value) {
        assertThatThrownBy(() -> of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IP address or CIDR block: " + value.trim());
    }

    @Test
    void header_xForwardedForOrForwarded_inAnyCase() {
        assertThat(TrustedProxies.Header.parse(" X-Forwarded-For")).isEqualTo(TrustedProxies.Header.X_FORWARDED_FOR);
        assertThat(TrustedProxies.Header.parse("Forwarded")).isEqualTo(TrustedProxies.Header.FORWARDED);
        assertThatThrownBy(() -> TrustedProxies.Header.parse("x-real-ip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("neither x-forwarded-for nor forwarded: x-real-ip");
    }
}
