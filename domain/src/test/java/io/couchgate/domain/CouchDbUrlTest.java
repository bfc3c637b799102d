package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CouchDbUrlTest {

    @Test
    void parse_dropsOneTrailingSlash_andLowerCasesTheScheme_keepingAPathPrefix() {
        assertThat(CouchDbUrl.parse("http://127.0.0.1:5984/").uri()).isEqualTo(URI.create("http://127.0.0.1:5984"));
        assertThat(CouchDbUrl.parse("HTTPS://db.example/couch").uri())
                .isEqualTo(URI.create("https://db.example/couch"));
        assertThat(CouchDbUrl.parse("HTTPS://db.example/couch").isHttps()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://localhost", "/relative", "http://", "mailto:admin@db.example"})
    void notAnAbsoluteHttpUrl_isRefused(String raw) {
        assertThatThrownBy(() -> CouchDbUrl.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CouchDB URL must be an absolute http or https URL");
    }

    @Test
    void credentials_areRefused() {
        assertThatThrownBy(() -> CouchDbUrl.parse("https://admin:secret@db.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CouchDB URL must not carry credentials: couchgate sends them as Basic headers only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:5984/?x=1", "http://127.0.0.1:5984#top"})
    void queryOrFragment_isRefused(String raw) {
        assertThatThrownBy(() -> CouchDbUrl.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CouchDB URL must not have a query or fragment");
    }

    @Test
    void plainHttp_isSafeToLoopbackOnly_unlessInsecureIsAllowed() {
        CouchDbUrl remote = CouchDbUrl.parse("http://db.example:5984");
        assertThatThrownBy(() -> remote.requireSafeTransport(false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CouchDB URL http://db.example:5984 is plain http to a host other than loopback: Basic "
                        + "credentials would cross the network in clear; use https, or set "
                        + "couchgate.couchdb.tls.allow-insecure=true to accept that");
        remote.requireSafeTransport(true);
        CouchDbUrl.parse("http://[::1]:5984").requireSafeTransport(false);
        CouchDbUrl.parse("https://db.example:6984").requireSafeTransport(false);
    }
}
