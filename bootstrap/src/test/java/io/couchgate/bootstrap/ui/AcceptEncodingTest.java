package io.couchgate.bootstrap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

    @Test
    void gzipListedOrWildcard_allowsGzip() {
        assertThat(AcceptEncoding.allowsGzip(List.of("gzip, deflate, br"))).isTrue();
        assertThat(AcceptEncoding.allowsGzip(List.of("br;q=1.0, GZIP;q=0.5"))).isTrue();
        assertThat(AcceptEncoding.allowsGzip(List.of("x-gzip"))).isTrue();
        assertThat(AcceptEncoding.allowsGzip(List.of("*"))).isTrue();
        assertThat(AcceptEncoding.allowsGzip(List.of("deflate", "gzip"))).isTrue();
    }

    @Test
    void absentRefusedOrUnclear_doesNotAllowGzip() {
        assertThat(AcceptEncoding.allowsGzip(List.of())).isFalse();
        assertThat(AcceptEncoding.allowsGzip(List.of("identity"))).isFalse();
        assertThat(AcceptEncoding.allowsGzip(List.of("br, deflate"))).isFalse();
        assertThat(AcceptEncoding.allowsGzip(List.of("gzip;q=0"))).isFalse();
        assertThat(AcceptEncoding.allowsGzip(List.of("*, gzip;q=0"))).isFalse();
        assertThat(AcceptEncoding.allowsGzip(List.of("gzip;q=high"))).isFalse();
        assertThat(AcceptEncoding.allowsGzip(List.of("*;q=0"))).isFalse();
    }
}
