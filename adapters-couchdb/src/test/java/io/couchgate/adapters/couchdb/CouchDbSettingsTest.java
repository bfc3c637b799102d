package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CouchDbSettingsTest {

    @Test
    void plainHttpToARemoteHost_isRefused_namingTheReason() {
        assertThatThrownBy(() -> TestCouchDbSettings.of(URI.create("http://db.example:5984")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Basic credentials would cross the network in clear")
                .hasMessageContaining("allow-insecure");
    }

    @Test
    void plainHttpToARemoteHost_isAccepted_whenInsecureIsAllowed() {
        CouchDbSettings settings = new CouchDbSettings(URI.create("http://db.example:5984"), Duration.ofSeconds(1),
                Duration.ofSeconds(2), null, true);
        assertThat(settings.isHttps()).isFalse();
    }

    @Test
    void plainHttpToLoopback_isAccepted() {
        for (String url : new String[] {"http://localhost:5984", "http://127.0.0.1:5984/", "http://[::1]:5984"}) {
            assertThat(TestCouchDbSettings.of(URI.create(url)).baseUrl()).isEqualTo(URI.create(url));
        }
    }

    @Test
    void https_isAccepted_withTheGivenTimeouts() {
        CouchDbSettings settings = new CouchDbSettings(URI.create("https://db.example:6984"), Duration.ofSeconds(2),
                Duration.ofSeconds(10), null, false);
        assertThat(settings.isHttps()).isTrue();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.caFileIfSet()).isEmpty();
    }

    @Test
    void credentialsInTheUrl_areRefused() {
        assertThatThrownBy(() -> TestCouchDbSettings.of(URI.create("https://admin:secret@db.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CouchDB URL must not carry credentials: couchgate sends them as Basic headers only");
    }

    @Test
    void otherSchemes_andNonPositiveTimeouts_areRefused() {
        assertThatThrownBy(() -> TestCouchDbSettings.of(URI.create("ftp://localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CouchDB URL must be an absolute http or https URL");
        assertThatThrownBy(() -> new CouchDbSettings(URI.create("https://db.example"), Duration.ZERO,
                Duration.ofSeconds(1), null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CouchDB timeouts must be positive");
    }
}
