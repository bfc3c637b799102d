package io.couchgate.bootstrap.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.bootstrap.testing.RecordingRelay;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.port.SessionStreams;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code _changes} request whose client goes away takes its CouchDB connection with it, however the feed is
 * spelt: CouchDB reads parameter names in any case ({@code chttpd_db:parse_changes_query} lower-cases them),
 * decodes them and splits on {@code ;} as on {@code &} (mochiweb {@code parse_qs}). Before this, such spellings went
 * through the pooled client, which kept reading the heartbeats of an abandoned feed: one open CouchDB connection per
 * abandoned request, for as long as CouchDB kept the feed (docs.couchdb.org api/database/changes.html).
 *
 * <p>The dev server reads names case-sensitively (Express), so it answers {@code FEED=continuous} as a normal
 * feed at once; real CouchDB holds it open. Either way couchgate must not keep the connection: a normal
 * {@code _changes} also goes on a connection of its own, closed when the client leaves or the answer ends. And
 * when the session ends ({@link SessionStreams#endAll}), its feeds end: client and CouchDB connection. The closes
 * are awaited as events ({@link OpenFeed#GENEROUS}); the ≤ 1 s promise is measured by scripts/bench scenario 9.
 */
class AbandonedChangesTest extends StackWithAlice {

    @ParameterizedTest(name = "{0} ?{1}")
    @CsvSource(delimiter = '|', value = {
        "GET|FEED=continuous", "GET|feed=%63ontinuous", "GET|x;feed=continuous", "GET|feed=continuous",
        "GET|feed=live", "GET|feed=longpoll", "GET|Feed=longpoll", "GET|feed=%6Congpoll", "GET|x;FEED=longpoll",
        "GET|feed=eventsource", "GET|FEED=eventsource", "GET|feed=%65ventsource", "POST|feed=longpoll",
        "POST|FEED=continuous", "GET|feed=normal", "GET|style=all_docs"})
    void abandonedChangesRequest_closesItsCouchDbConnection(String method, String feed) throws Exception {
        String query = feed + "&since=now&heartbeat=500&timeout=600000&n=" + method;
        RecordingRelay relay = stack.relay();

        RecordingRelay.Connection upstream;
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), stack.couchgatePort())) {
            send(client, method, "/database/posts/_changes?" + query);
            upstream = relay.awaitConnectionCarrying("/posts/_changes?" + query + " ", Duration.ofSeconds(30));
        }

        assertThat(upstream.awaitClosed(OpenFeed.GENEROUS))
                .as("CouchDB connection of %s ?%s closed after the client left", method, feed).isTrue();
    }

    @Test
    void endAllOfTheSession_closesItsFeedsClientAndCouchDbConnections() throws Exception {
        try (OpenFeed feed = OpenFeed.open(stack, alice, "endAll")) {
            stack.bean(SessionStreams.class).endAll(sessionIdOf(alice));

            assertThat(feed.upstreamCloses()).as("CouchDB connection closed").isTrue();
            assertThat(feed.clientCloses()).as("client connection closed").isTrue();
        }
    }

    /** The {@code sid} claim of a couchgate token (architecture flow 4). */
    private static SessionId sessionIdOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new SessionId((String) stack.parse(payload).get("sid"));
    }

    private static void send(Socket client, String method, String target) throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nAuthorization: Bearer ").append(alice).append("\r\n")
                .append("Accept: application/json\r\n");
        if (method.equals("POST")) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        OutputStream out = client.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (method.equals("POST")) {
            out.write(body);
        }
        out.flush();
    }
}
