package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session the use case cannot resolve without I/O (a durable session not cached on this instance) is resolved off
 * the event loop, then the request goes on as any other; a refused one still never reaches CouchDB. Such a
 * session's large upload, which Micronaut's path serves, is one of its open streams: it ends when the session does.
 */
class DatabaseProxyUncachedSessionTest extends ProxyOverStub {

    @BeforeEach
    void coldCache() {
        proxy.sessions().cacheNothing(true);
    }

    @AfterEach
    void warmCacheAndRestore() {
        proxy.sessions().cacheNothing(false);
        proxy.sessions().restore();
    }

    @Test
    void anUncachedLiveSession_isResolvedOffTheEventLoop_andForwarded() throws Exception {
        int before = proxy.sessions().resolvingThreads().size();

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc?x=1", List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}\n");
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo("/posts/doc?x=1");
        List<String> threads = proxy.sessions().resolvingThreads();
        assertThat(threads).hasSize(before + 1);
        assertThat(threads.get(before)).startsWith("boundedElastic-").doesNotContain("eventLoop");
    }

    @Test
    void anUncachedSessionsLargeUpload_endsWithTheSession_clientAndCouchDbConnection() throws Exception {
        NettySessionStreams streams = proxy.context().getBean(NettySessionStreams.class);
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            // Not admitted to the relay (the session needs I/O to resolve): Micronaut's path, on a dedicated
            // CouchDB connection since the declared body is over 1 MiB.
            client.sendRaw(("PUT /database/posts/alice:a/upload.bin?rev=1-a HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + FakeSessions.TOKEN + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 2000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.sendRaw(new byte[100_000]);
            assertThat(pollUntil(couchDb::begun, 1, GENEROUS)).as("upload reached CouchDB").isTrue();
            assertThat(pollUntil(() -> streams.openCount(FakeSessions.SESSION_ID), 1, GENEROUS))
                    .as("an open stream of the session").isTrue();

            streams.endAll(FakeSessions.SESSION_ID);

            assertThat(pollUntil(couchDb::cutOffBodies, 1, GENEROUS)).as("CouchDB connection closed").isTrue();
            assertThat(client.endsWithin(GENEROUS)).as("client connection closed").isTrue();
        }
    }

    @Test
    void anUncachedRevokedSession_gets401_andCouchDbSeesNothing() throws Exception {
        proxy.sessions().revoke(FakeSessions.TOKEN);

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).isEqualTo(
                "{\"error\":\"unauthorized\",\"reason\":\"The session token is invalid, expired or revoked.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }
}
