package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.OutageApi.BACK_WITHIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiCouchDbOutageEndToEndTest} in the durable session mode ({@code couchgate.sessions.store: couchdb}):
 * sessions live in CouchDB, so a login, a logout and every account operation also read or write the sessions
 * database, and the same 503 and the same convergence are expected.
 */
class DurableApiCouchDbOutageEndToEndTest extends ApiCouchDbOutageEndToEndTest {

    /** The pause between two polls (not a synchronisation: the loop ends on what it sees, or at its deadline). */
    private static final long POLL_NANOS = 50_000_000;

    @Override
    Map<String, Object> configuration() {
        return Map.of("couchgate.sessions.store", "couchdb");
    }

    /**
     * Not run here: in the durable mode a cached session is answered from the cache while the sessions feed is
     * current, or was within the last 5 s; see {@link #currentSession_isReadFromCouchDb_onceTheCacheMayNotBeTrusted}.
     */
    @Override
    void currentSession_isAnsweredFromMemory_whileCouchDbIsAway(Outage outage) {
    }

    /**
     * CouchDB stopped cuts the sessions feed; 5 s later a cached session is re-read from CouchDB, and that gets the
     * 503. Until then the cache answers 200 (polled with a deadline, never a 401 that would log the client out).
     */
    @Test
    void currentSession_isReadFromCouchDb_onceTheCacheMayNotBeTrusted_andGets503() throws IOException {
        String name = "current-durable";
        String token = api().signUpAndLogIn(name);
        api().relay().down();
        RawResponse last;
        try {
            long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
            do {
                OutageApi.Timed current = OutageApi.timed(() -> api().current(name, token));
                last = current.response();
                if (last.status() == 503) {
                    api().assertCouchDbUnavailable(current);
                    break;
                }
                assertThat(last.status()).as(last.bodyText()).isEqualTo(200);
                LockSupport.parkNanos(POLL_NANOS);
            } while (System.nanoTime() < deadline);
        } finally {
            api().relay().up();
            api().awaitHealthy();
        }
        assertThat(last.status()).as("still answered from the cache after " + BACK_WITHIN).isEqualTo(503);
        assertThat(api().current(name, token).status()).isEqualTo(200);
    }
}
