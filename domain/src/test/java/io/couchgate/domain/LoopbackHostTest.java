package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "db.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]",
        "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", " 127.0.0.1 "})
    void loopbackSpellings_areLoopback(String host) {
        assertThat(LoopbackHost.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example", "0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "127.0.0.999", "localhost.example",
        "notlocalhost", "[::2]", " "})
    void otherHosts_areNot(String host) {
        assertThat(LoopbackHost.isLoopback(host)).isFalse();
    }

    @Test
    void noHost_meansEveryInterface_andIsNotLoopback() {
        assertThat(LoopbackHost.isLoopback(null)).isFalse();
        assertThat(LoopbackHost.isLoopback("")).isFalse();
    }
}
