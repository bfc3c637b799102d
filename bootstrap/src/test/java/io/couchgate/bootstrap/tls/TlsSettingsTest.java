package io.couchgate.bootstrap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.bootstrap.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    private static final List<String> HOSTS = List.of("localhost");
    private static final Path CERT = Path.of("cert.pem");
    private static final Path KEY = Path.of("key.pem");

    @Test
    void disabledWithoutSource_hasNoSource() {
        assertThat(new TlsSettings(false, false, HOSTS, null, null, null, null, 8443).source()).isEmpty();
    }

    @Test
    void eachSingleSource_isRecognised() {
        assertThat(new TlsSettings(true, true, HOSTS, null, null, null, null, 8443).source())
                .contains(TlsSettings.Source.SELF_SIGNED);
        assertThat(new TlsSettings(true, false, HOSTS, CERT, KEY, null, null, 8443).source())
                .contains(TlsSettings.Source.PEM_FILES);
        assertThat(new TlsSettings(true, false, HOSTS, null, null, Path.of("s.p12"), "pw", 8443).source())
                .contains(TlsSettings.Source.KEY_STORE);
    }

    @Test
    void sourceWhileDisabled_isAConfigurationError_namingTheSwitch() {
        assertThatThrownBy(() -> new TlsSettings(false, true, HOSTS, null, null, null, null, 8443).source())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("COUCHGATE_TLS_ENABLED=true");
    }

    @Test
    void enabledWithoutSource_orWithTwo_isAConfigurationError() {
        assertThatThrownBy(() -> new TlsSettings(true, false, HOSTS, null, null, null, null, 8443).source())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("set exactly one of");
        assertThatThrownBy(() -> new TlsSettings(true, true, HOSTS, CERT, KEY, null, null, 8443).source())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("set exactly one of");
    }

    @Test
    void certificateWithoutKey_isAConfigurationError() {
        assertThatThrownBy(() -> new TlsSettings(true, false, HOSTS, CERT, null, null, null, 8443).source())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.tls.certificate-file and couchgate.tls.key-file go together; set both");
    }

    @Test
    void toString_hidesTheKeyStorePassword() {
        String text = new TlsSettings(true, false, HOSTS, null, null, Path.of("s.p12"), "hunter2", 8443).toString();

        assertThat(text).doesNotContain("hunter2").contains("keyStorePassword=***");
    }
}
