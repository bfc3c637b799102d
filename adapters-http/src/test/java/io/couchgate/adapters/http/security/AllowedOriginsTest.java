package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Origins as RFC 6454 serialises them, and only what a CSP host-source can name. */
class AllowedOriginsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://app.example.org,https://app.example.org", "HTTPS://App.Example.ORG,https://app.example.org",
        "https://app.example.org:443,https://app.example.org", "http://localhost:80,http://localhost",
        "http://localhost:5173,http://localhost:5173", "https://app.example.org:8443,https://app.example.org:8443",
        "http://127.0.0.1:8080,http://127.0.0.1:8080", "'  https://a-b.example  ',https://a-b.example",
        "http://xn--bcher-kva.example,http://xn--bcher-kva.example"})
    void origin_isSerialised(String configured, String serialised) {
        assertThat(AllowedOrigins.parse(List.of(configured)).origins()).containsExactly(serialised);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://app.example.org/", "https://app.example.org/app", "https://app.example.org?x",
        "https://app.example.org#x", "https://user@app.example.org", "https://user:pw@app.example.org", "*",
        "https://*.example.org", "null", "app.example.org", "//app.example.org", "ftp://app.example.org",
        "ws://app.example.org", "http://[::1]:8080", "https://app.example.org:", "https://bücher.example",
        "https://app.example.org; script-src *", "https://a.example https://b.example", "https://a.example,x", "",
        "https://-app.example.org", "https://app_1.example.org"})
    void nonOrigin_isRefused_namingTheValue(String configured) {
        assertThatThrownBy(() -> AllowedOrigins.parse(List.of(configured)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + configured.trim() + "'")
                .hasMessageContaining("is not an exact origin");
    }

    @Test
    void duplicates_afterSerialisation_areKeptOnce_inTheGivenOrder() {
        AllowedOrigins origins = AllowedOrigins.parse(List.of("http://b.example", "https://a.example",
                "HTTP://B.example:80"));

        assertThat(origins.origins()).containsExactly("http://b.example", "https://a.example");
    }

    @Test
    void constructor_refusesAnUnserialisedOrigin() {
        assertThatThrownBy(() -> new AllowedOrigins(List.of("https://A.example")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new AllowedOrigins(List.of("https://a.example")).origins()).containsExactly("https://a.example");
    }

    @Test
    void none_isEmpty() {
        assertThat(AllowedOrigins.NONE.origins()).isEmpty();
    }
}
