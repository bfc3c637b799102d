package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forked couchgate logs one INFO line once it serves, naming where and with what, and one when it stops. */
class StartStopLinesEndToEndTest {

    @TempDir
    Path tmp;

    @Test
    void startLineNamesUrlCouchDbVersionModeAndDatabases_andAStopLineFollowsSigterm() throws Exception {
        try (CouchDbServer couch = CouchDbExtension.freshServer()) {
            int port = CouchgateProcess.freePort();
            try (CouchgateProcess app = CouchgateProcess.launch(port, couch, tmp.resolve("data"),
                    tmp.resolve("couchgate.out")).awaitHealthy()) {
                Pattern start = Pattern.compile(" INFO  \\S+ - couchgate dev listening on http://[^:]+:" + port
                        + "; CouchDB " + Pattern.quote(couch.url().toString()) + "; sessions memory; databases posts\n");
                assertThat(app.output()).containsPattern(start);

                app.stop(); // SIGTERM: the JVM exits 143 (128 + 15) after its shutdown hooks

                assertThat(app.output()).containsPattern(" INFO  \\S+ - couchgate dev stopped\n");
            }
        }
    }
}
