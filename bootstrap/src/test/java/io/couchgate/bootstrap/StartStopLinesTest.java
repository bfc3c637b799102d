package io.couchgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StartStopLinesTest {

    @Test
    void couchDbUrl_losesItsUserInfo_keepsTheRest() {
        assertThat(StartStopLines.withoutUserInfo(URI.create("https://admin:s3cret@couch.example.org:6984/base")))
                .isEqualTo("https://couch.example.org:6984/base");
        assertThat(StartStopLines.withoutUserInfo(URI.create("http://127.0.0.1:5984")))
                .isEqualTo("http://127.0.0.1:5984");
    }

    @Test
    void runFromClasses_theVersionIsDev() {
        assertThat(StartStopLines.version()).isEqualTo("dev");
    }
}
