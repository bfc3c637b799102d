package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configured origins widen the pages' {@code connect-src}, and nothing else; {@code /database} is unaffected. */
class PagePolicyWithOriginsTest {

    private static EmbeddedServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                AllowedOriginsTestBeans.ORIGINS, List.of("https://Notes.Example.org:443", "http://localhost:5173")));
        api = new ApiClient(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void pagesPolicy_connectSrcNamesTheOriginsSerialised_inTheGivenOrder() {
        ApiClient.Response response = api.send(api.request("/elsewhere").GET());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.raw().headers().allValues("Content-Security-Policy")).containsExactly(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "connect-src 'self' https://notes.example.org http://localhost:5173; object-src 'none'; "
                        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }

    @Test
    void databaseAnswers_keepTheirPolicies() {
        ApiClient.Response json = api.send(api.request("/database/_couchgate_probe_json").GET());
        ApiClient.Response text = api.send(api.request("/database/_couchgate_probe").GET());

        assertThat(json.raw().headers().allValues("Content-Security-Policy")).isEmpty();
        assertThat(text.raw().headers().allValues("Content-Security-Policy"))
                .containsExactly("sandbox; default-src 'none'");
    }
}
