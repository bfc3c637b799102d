package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseProxySettingsTest {

    @Test
    void databases_areCopied() {
        Set<String> names = new HashSet<>(Set.of("posts"));
        DatabaseProxySettings settings = of(URI.create("http://h:5984"), names);
        names.add("_users");

        assertThat(settings.databases()).containsExactly("posts");
    }

    @Test
    void urlWithCredentialsQueryOrOtherScheme_isRejected() {
        for (String url : new String[] {"http://admin:secret@h:5984", "http://h:5984/?x=1", "ftp://h/", "/relative"}) {
            assertThatThrownBy(() -> of(URI.create(url), Set.of("posts")))
                    .as(url).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nonPositiveTimeout_isRejected() {
        URI url = URI.create("http://h:5984");
        assertThatThrownBy(() -> new DatabaseProxySettings(url, Set.of(), Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseProxySettings(url, Set.of(), Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DatabaseProxySettings of(URI url, Set<String> databases) {
        return new DatabaseProxySettings(url, databases, Duration.ofSeconds(2), Duration.ofSeconds(60));
    }
}
