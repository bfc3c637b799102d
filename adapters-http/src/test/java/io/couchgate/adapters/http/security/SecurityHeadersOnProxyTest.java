package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real {@code /database} proxy filter in front: its own answers get {@code nosniff} too, and nothing else. */
class SecurityHeadersOnProxyTest {

    private static EmbeddedServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        // The proxy's test beans (package proxy) switch on with this property; nothing listens on port 9 here,
        // and these requests are answered by the proxy filter before it would connect.
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "test.proxy.couchdb-url", "http://127.0.0.1:9",
                "micronaut.server.port", -1,
                "micronaut.server.netty.compression-threshold", -1,
                "micronaut.server.netty.request-decompression-enabled", false));
        api = new ApiClient(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void proxysOwn401_hasNosniff_andNoPageHeaders() {
        ApiClient.Response response = api.send(api.request("/database/posts/doc").GET());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text()).startsWith("{\"error\":\"unauthorized\"");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.raw().headers().map()).doesNotContainKeys("x-frame-options", "content-security-policy",
                "referrer-policy", "cache-control");
    }
}
