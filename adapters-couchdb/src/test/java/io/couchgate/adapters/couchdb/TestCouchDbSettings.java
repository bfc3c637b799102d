package io.couchgate.adapters.couchdb;

import java.net.URI;
import java.time.Duration;

/** Settings for tests that need no particular timeouts (production reads them from application.yml). */
final class TestCouchDbSettings {

    private TestCouchDbSettings() {
    }

    /** @return settings for the URL: 5 s to connect, 30 s to answer, no extra CA, insecure http refused */
    static CouchDbSettings of(URI baseUrl) {
        return new CouchDbSettings(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(30), null, false);
    }
}
