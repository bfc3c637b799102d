package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchCredentials;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code couchgate.couchdb.compatibility}: its values, and that CouchDB 3 gets no dev-server probe. */
class CouchDbCompatibilityTest {

    @Test
    void parse_readsBothSpellings_andRefusesOthers_namingTheKey() {
        assertThat(CouchDbCompatibility.parse("couchdb")).isEqualTo(CouchDbCompatibility.COUCHDB);
        assertThat(CouchDbCompatibility.parse(" PouchDB-Server ")).isEqualTo(CouchDbCompatibility.POUCHDB_SERVER);
        assertThat(CouchDbCompatibility.POUCHDB_SERVER).hasToString("pouchdb-server");
        assertThat(TestCouchDbSettings.of(java.net.URI.create("http://127.0.0.1:5984")).compatibility())
                .isEqualTo(CouchDbCompatibility.COUCHDB);
        assertThatThrownBy(() -> CouchDbCompatibility.parse("couchdb2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("couchgate.couchdb.compatibility must be couchdb or pouchdb-server, not 'couchdb2'");
    }

    /** intro/security.html#password-hashing: CouchDB 3.3+ verifies PBKDF2-SHA256; nothing is asked to know that. */
    @Test
    void sessionUserScheme_onCouchDb_isSha256_withoutAProbe() throws IOException {
        try (StubCouchDb stub = new StubCouchDb(request -> new StubCouchDb.Answer(500, "{}"));
             CouchDbConnection couch = CouchDbConnection.open(TestCouchDbSettings.of(stub.url()))) {
            CouchDbSessionUserDirectory directory = new CouchDbSessionUserDirectory(couch,
                    new CouchCredentials("couchgate-admin-x", "admin-Pass-word-1"), TestRandom::bytes);

            assertThat(directory.probeScheme()).isEqualTo("pbkdf2-sha256");
            assertThat(stub.requests()).isEmpty();
        }
    }
}
