package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.domain.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code /api} accepts and gives: bodies in UTF-8 only (RFC 8259, section 8.1), and a 406 {@code not-acceptable}
 * problem when the client accepts none of a call's media types.
 */
@MicronautTest(rebuildContext = true)
class ContentNegotiationApiTest extends ApiTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"utf-16", "UTF-16BE", "iso-8859-1", "\"utf-32\"", "bogus"})
    void aCharsetOtherThanUtf8_returns415_sayingOnlyUtf8IsAccepted(String charset) {
        ApiClient.Response response = api.send(api.request("/api/users")
                .header("Content-Type", "application/json; charset=" + charset)
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("alice", PASSWORD), StandardCharsets.UTF_8)));

        var body = assertProblem(response, 415, "unsupported-media-type");
        assertThat(body).containsEntry("title", "Unsupported media type")
                .containsEntry("detail", "the body must be UTF-8 JSON (RFC 8259, section 8.1): charset, if given, "
                        + "must be utf-8");
        assertThat(users.findByUsername(Username.of("alice"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "UTF-8", "\"utf-8\"", "us-ascii"})
    void utf8OrAscii_isRead(String charset) {
        ApiClient.Response response = api.send(api.request("/api/users")
                .header("Content-Type", "application/json; charset=" + charset)
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("alice", PASSWORD), StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsEntry("username", "alice");
    }

    @Test
    void aCharsetOtherThanUtf8_inALogin_returns415() {
        ApiClient.Response response = api.send(api.request("/api/sessions")
                .header("Content-Type", "application/json;charset=utf-16")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("alice", PASSWORD), StandardCharsets.UTF_16)));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void openApiDocument_acceptingOnlyJson_returns406_notAcceptable() {
        ApiClient.Response response = api.send(api.request("/api/openapi.yml").header("Accept", "application/json")
                .GET());

        var body = assertProblem(response, 406, "not-acceptable");
        assertThat(body).containsEntry("title", "Not acceptable").containsEntry("detail", OPENAPI_NOT_ACCEPTABLE);
    }

    /** RFC 9110, section 12.5.1: q=0 means "not acceptable", and the most specific range that matches decides. */
    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/yaml;q=0, */*", "application/yaml;q=0", "*/*;q=0", "application/*;q=0, */*",
        "Application/YAML; Q=0.000, text/html", "text/html, application/yaml ; q=0"})
    void openApiDocument_withYamlAtQualityZero_returns406_evenWhenAWildcardAdmitsIt(String accept) {
        ApiClient.Response response = api.send(api.request("/api/openapi.yml").header("Accept", accept).GET());

        var body = assertProblem(response, 406, "not-acceptable");
        assertThat(body).containsEntry("detail", OPENAPI_NOT_ACCEPTABLE);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/yaml", "*/*", "application/*", "application/yaml;q=0.5, */*;q=0",
        "text/html, application/yaml;q=0.1", "application/*;q=0, application/yaml;q=0.2", "application/yaml;q=0.001"})
    void openApiDocument_withYamlAdmitted_returns200_yaml(String accept) {
        ApiClient.Response response = api.send(api.request("/api/openapi.yml").header("Accept", accept).GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/yaml");
    }

    @Test
    void openApiDocument_withoutAccept_returns200_yaml() {
        ApiClient.Response response = api.send(api.request("/api/openapi.yml").GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/yaml");
    }

    @Test
    void signUp_acceptingOnlyHtml_returns406_namingWhatTheCallOffers() {
        ApiClient.Response response = api.send(api.request("/api/users").header("Accept", "text/html")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("alice", PASSWORD), StandardCharsets.UTF_8)));

        var body = assertProblem(response, 406, "not-acceptable");
        assertThat(body).containsEntry("detail",
                "PUT /api/users offers application/json; the Accept header admits none of it");
        assertThat(users.findByUsername(Username.of("alice"))).isEmpty();
    }

    private static final String OPENAPI_NOT_ACCEPTABLE =
            "GET /api/openapi.yml offers application/yaml; the Accept header admits none of it";
}
