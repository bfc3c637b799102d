package io.couchgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code couchgate.couchdb.url} is checked once, by the rule the CouchDB adapter and the proxy share. */
class CouchDbUrlSettingsTest {

    private static final String URL = "couchgate.couchdb.url";

    private final SettingsFactory factory = new SettingsFactory();

    @Test
    void aTrailingSlashIsDropped_andAnUpperCaseSchemeTaken() {
        assertThat(url(Map.of(URL, "http://127.0.0.1:5984/"))).isEqualTo(URI.create("http://127.0.0.1:5984"));
        assertThat(url(Map.of(URL, "HTTPS://db.example:6984/couch")))
                .isEqualTo(URI.create("https://db.example:6984/couch"));
    }

    @Test
    void aQuery_stopsTheStart_atConfiguration_namingTheKey() {
        assertThatThrownBy(() -> url(Map.of(URL, "http://127.0.0.1:5984/?x=1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.couchdb.url is invalid: CouchDB URL must not have a query or fragment");
    }

    @Test
    void credentials_stopTheStart_pointingAtTheBootstrapAdminVariables() {
        assertThatThrownBy(() -> url(Map.of(URL, "https://admin:secret@db.example")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.couchdb.url is invalid: CouchDB URL must not carry credentials: couchgate "
                        + "sends them as Basic headers only (the bootstrap admin comes from "
                        + "COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER / COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_PASSWORD)");
    }

    @Test
    void plainHttpToARemoteHost_stopsTheStart_unlessInsecureIsAllowed() {
        assertThatThrownBy(() -> url(Map.of(URL, "http://db.example:5984")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("couchgate.couchdb.url is invalid: CouchDB URL http://db.example:5984 is "
                        + "plain http to a host other than loopback")
                .hasMessageContaining("couchgate.couchdb.tls.allow-insecure=true");
        assertThat(url(Map.of(URL, "http://db.example:5984", "couchgate.couchdb.tls.allow-insecure", "true")))
                .isEqualTo(URI.create("http://db.example:5984"));
    }

    private URI url(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            return factory.settings(context.getEnvironment().start()).couchDbUrl();
        }
    }
}
