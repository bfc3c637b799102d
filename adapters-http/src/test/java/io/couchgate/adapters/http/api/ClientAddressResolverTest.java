package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rightmost address that is not a trusted proxy, from {@code X-Forwarded-For} or RFC 7239 {@code Forwarded}. */
class ClientAddressResolverTest {

    private static final InetAddress PROXY = TrustedProxies.literal("10.0.0.2");
    private static final InetAddress STRANGER = TrustedProxies.literal("192.0.2.1");
    private static final List<String> TRUSTED = List.of("10.0.0.0/8", "2001:db8:cafe::/48");

    private static String xff(InetAddress peer, String... values) {
        return new ClientAddressResolver(TrustedProxies.parse(TRUSTED, TrustedProxies.Header.X_FORWARDED_FOR))
                .resolve(peer, List.of(values)).getHostAddress();
    }

    private static String forwarded(InetAddress peer, String... values) {
        return new ClientAddressResolver(TrustedProxies.parse(TRUSTED, TrustedProxies.Header.FORWARDED))
                .resolve(peer, List.of(values)).getHostAddress();
    }

    @Test
    void untrustedPeer_isTheClient_whateverItsHeadersSay() {
        assertThat(xff(STRANGER, "198.51.100.7")).isEqualTo("192.0.2.1");
        assertThat(forwarded(STRANGER, "for=198.51.100.7")).isEqualTo("192.0.2.1");
    }

    @Test
    void trustedPeerWithoutHeader_isTheClient() {
        assertThat(xff(PROXY)).isEqualTo("10.0.0.2");
    }

    @Test
    void xForwardedFor_rightmostUntrusted_acrossHeaderLines_withPortsAndIpv6() {
        assertThat(xff(PROXY, "203.0.113.9, 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(xff(PROXY, "203.0.113.9, 198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
        assertThat(xff(PROXY, "203.0.113.9", "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(xff(PROXY, "198.51.100.7:4711")).isEqualTo("198.51.100.7");
        assertThat(xff(PROXY, "[2001:db8::17]:4711")).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(xff(PROXY, "2001:db8::17, 2001:db8:cafe::1")).isEqualTo("2001:db8:0:0:0:0:0:17");
    }

    @Test
    void onlyTrustedAddresses_theLeftmostIsTheClient() {
        assertThat(xff(PROXY, "10.0.0.7, 10.0.0.8")).isEqualTo("10.0.0.7");
    }

    @Test
    void entryThatIsNoAddress_theTrustedProxyThatWroteItIsTheClient() {
        assertThat(xff(PROXY, "198.51.100.7, unknown")).isEqualTo("10.0.0.2");
        assertThat(xff(PROXY, "198.51.100.7, evil.example, 10.0.0.8")).isEqualTo("10.0.0.8");
        assertThat(xff(PROXY, "")).isEqualTo("10.0.0.2");
    }

    @Test
    void hostNames_areNeverLookedUp() {
        assertThat(xff(PROXY, "localhost")).isEqualTo("10.0.0.2");
    }

    @Test
    void forwarded_forParameterOfEachElement_quotedIpv6AndPorts_caseInsensitiveName() {
        assertThat(forwarded(PROXY, "for=203.0.113.9, for=198.51.100.7;proto=https;by=10.0.0.2"))
                .isEqualTo("198.51.100.7");
        assertThat(forwarded(PROXY, "For=\"[2001:db8::17]:4711\"")).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(forwarded(PROXY, "for=\"198.51.100.7:80\";host=\"a,b\", for=10.0.0.9"))
                .isEqualTo("198.51.100.7");
        assertThat(forwarded(PROXY, "for=198.51.100.7, for=_hidden")).isEqualTo("10.0.0.2");
        assertThat(forwarded(PROXY, "for=198.51.100.7, proto=https")).as("an element without for")
                .isEqualTo("10.0.0.2");
    }

    @Test
    void forwardedConfigured_xForwardedForIsNotRead_andViceVersa() {
        assertThat(forwarded(PROXY, "198.51.100.7")).as("an X-Forwarded-For value read as Forwarded")
                .isEqualTo("10.0.0.2");
        assertThat(xff(PROXY, "for=198.51.100.7")).isEqualTo("10.0.0.2");
    }
}
