package io.couchgate.bootstrap.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsStartupCheckTest {

    @Test
    void plainHttpOnLoopback_isNotWarnedAbout() {
        assertThat(TlsStartupCheck.plainHttpWarning(false, "127.0.0.1")).isEmpty();
        assertThat(TlsStartupCheck.plainHttpWarning(false, "localhost")).isEmpty();
        assertThat(TlsStartupCheck.plainHttpWarning(false, "::1")).isEmpty();
    }

    @Test
    void bindHostsLoopbackByTheCouchDbUrlsRule_areNotWarnedAbout_withoutADnsLookUp() {
        assertThat(TlsStartupCheck.plainHttpWarning(false, "[::1]")).isEmpty();
        assertThat(TlsStartupCheck.plainHttpWarning(false, "app.localhost")).isEmpty();
        assertThat(TlsStartupCheck.plainHttpWarning(false, "127.0.1.1")).isEmpty();
        assertThat(TlsStartupCheck.plainHttpWarning(false, "couchgate.example")).isPresent();
    }

    @Test
    void plainHttpOnAllInterfaces_isWarnedAbout_withTheFix() {
        assertThat(TlsStartupCheck.plainHttpWarning(false, "0.0.0.0")).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("couchgate serves plain HTTP on 0.0.0.0 without TLS")
                .contains("COUCHGATE_TLS_ENABLED=true"));
        assertThat(TlsStartupCheck.plainHttpWarning(false, null)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("couchgate serves plain HTTP on every network interface without TLS"));
    }

    @Test
    void withTls_noAddressIsWarnedAbout_becausePlainHttpThenStaysOnLoopback() {
        assertThat(TlsStartupCheck.plainHttpWarning(true, "0.0.0.0")).isEmpty();
    }
}
