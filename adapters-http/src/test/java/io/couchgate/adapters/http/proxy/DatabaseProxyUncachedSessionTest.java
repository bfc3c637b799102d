package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session the use case cannot resolve without I/O (a durable session not cached on this instance) is resolved off
 * the event loop, then the request goes on as any other; a refused one still never reaches CouchDB.
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
    void anUncachedRevokedSession_gets401_andCouchDbSeesNothing() throws Exception {
        proxy.sessions().revoke(FakeSessions.TOKEN);

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).isEqualTo(
                "{\"error\":\"unauthorized\",\"reason\":\"The session token is invalid, expired or revoked.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }
}
