package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import io.couchgate.adapters.couchdb.testing.tls.TestCertificates;
import io.couchgate.adapters.couchdb.testing.tls.TlsTerminatingProxy;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CouchDB behind HTTPS with a private CA: couchgate's own client (provisioning, sessions) and the
 * {@code /database} proxy's client both trust {@code couchgate.couchdb.tls.ca-file}.
 */
class CouchDbOverTlsEndToEndTest {

    @TempDir
    Path tmp;

    @Test
    void withTheCaFile_provisioningLoginAndTheProxy_allWorkOverHttps() throws Exception {
        TestCertificates certificates = TestCertificates.mint();
        Path ca = certificates.writeCaPem(tmp.resolve("ca.pem"));
        try (CouchDbServer couch = CouchDbExtension.freshServer();
             TlsTerminatingProxy tls = TlsTerminatingProxy.start(certificates.serverSslContext(), couch.url());
             RunningCouchgate app = RunningCouchgate.start(couch, tls.url(), tmp.resolve("data"),
                     Map.of("couchgate.couchdb.tls.ca-file", ca.toString()))) {
            assertThat(app.send("PUT", "/api/users", "{\"username\":\"dana\",\"password\":\"amber-lotus-rivers-17-bells\"}",
                    null).statusCode()).isEqualTo(201);
            HttpResponse<String> login = app.send("PUT", "/api/sessions",
                    "{\"username\":\"dana\",\"password\":\"amber-lotus-rivers-17-bells\"}", null);
            assertThat(login.statusCode()).isEqualTo(201);
            String token = (String) app.context().getBean(JsonMapper.class).readValue(login.body(), Map.class)
                    .get("token");

            HttpResponse<String> write = app.send("PUT", "/database/posts/dana:over-tls",
                    "{\"owner\":\"dana\"}", token);

            assertThat(write.statusCode()).isEqualTo(201);
            assertThat(app.send("GET", "/database/posts/dana:over-tls", null, token).statusCode()).isEqualTo(200);
            // _changes goes through Micronaut's HTTP client (CouchDbProxyClients), not the relay.
            HttpResponse<String> changes = app.send("GET", "/database/posts/_changes?doc_ids=%5B%22dana:over-tls%22%5D"
                    + "&filter=_doc_ids", null, token);
            assertThat(changes.statusCode()).as(changes.body()).isEqualTo(200);
            assertThat(changes.body()).contains("\"id\":\"dana:over-tls\"");
        }
    }
}
