package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** CouchDB going away gives CouchDB-style 502s; when it is back, traffic flows again without restarting couchgate. */
class CouchDbOutageTest extends StackWithAlice {

    private static final String BAD_GATEWAY = "{\"error\":\"bad_gateway\",\"reason\":\"CouchDB cannot be reached.\"}";

    @Test
    void couchDbStopped_gives502_andStartedAgain_servesAgainWithoutARestart() throws Exception {
        assertThat(stack.through("PUT", "/database/posts/alice:before", alice, json(), bytes("{\"owner\":\"alice\"}"))
                .status()).isEqualTo(201);

        stack.relay().down();
        RawResponse read = stack.through("GET", "/database/posts/alice:before", alice, json(), null);
        RawResponse write = stack.through("PUT", "/database/posts/alice:during", alice, json(),
                bytes("{\"owner\":\"alice\"}"));

        assertThat(read.status()).isEqualTo(502);
        assertThat(read.bodyText()).isEqualTo(BAD_GATEWAY);
        assertThat(read.header("content-type")).contains("application/json");
        assertThat(write.status()).isEqualTo(502);
        assertThat(write.bodyText()).isEqualTo(BAD_GATEWAY);

        stack.relay().up();
        RawResponse again = firstSuccess(Duration.ofSeconds(5));
        assertThat(again.body()).isEqualTo(stack.direct("GET", "/posts/alice:before", json(), null).body());
        assertThat(stack.through("PUT", "/database/posts/alice:after", alice, json(), bytes("{\"owner\":\"alice\"}"))
                .status()).isEqualTo(201);
    }

    /** Polls with a deadline: a pooled connection cut by the outage may cost one more 502 before a fresh one. */
    private static RawResponse firstSuccess(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        RawResponse last;
        do {
            last = stack.through("GET", "/database/posts/alice:before", alice, json(), null);
            if (last.status() == 200) {
                return last;
            }
            assertThat(last.status()).isEqualTo(502);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still " + last.status() + " " + last.bodyText() + " after " + within);
    }
}
