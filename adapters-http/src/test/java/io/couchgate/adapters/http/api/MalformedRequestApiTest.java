package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(rebuildContext = true)
class MalformedRequestApiTest extends ApiTestSupport {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/users    | {\"username\":\"alice\",",
        "/api/users    | not json",
        "/api/users    | []",
        "/api/users    | \"alice\"",
        "/api/users    | {\"password\":\"correct horse battery\"}",
        "/api/users    | {\"username\":\"alice\"}",
        "/api/users    | {\"username\":42,\"password\":\"correct horse battery\"}",
        "/api/users    | {\"username\":\"alice\",\"password\":null}",
        "/api/users    | {\"username\":\"alice\",\"password\":[\"x\"]}",
        "/api/users    | {\"username\":\"alice\",\"password\":\"a\",\"password\":\"b\"}",
        "/api/users    | {\"username\":\"alice\",\"password\":\"correct horse battery\"} {}",
        "/api/sessions | {\"username\":\"alice\",",
        "/api/sessions | {\"username\":\"alice\"}",
        "/api/sessions | {\"username\":\"alice\",\"password\":12345678901234}",
        "/api/sessions | {\"username\":\"alice\",\"password\":\"a\",\"password\":\"b\"}",
    })
    void malformedBody_returns400_malformedRequest(String path, String body) {
        assertProblem(api.putJson(path, body), 400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void duplicateKey_returns400_namingTheKey_neverAValue(String path) {
        var body = assertProblem(api.putJson(path, "{\"username\":\"first-name\",\"username\":\"second-name\","
                + "\"password\":\"" + PASSWORD + "\"}"), 400, "malformed-request");

        assertThat(body).containsEntry("title", "Malformed request")
                .containsEntry("detail", "the member \"username\" appears more than once");
        assertThat(body.toString()).doesNotContain("first-name", "second-name", PASSWORD);
    }

    @Test
    void duplicatePasswordKey_inAPasswordChange_returns400_namingTheKey_neverAValue() {
        signUp("alice");
        String token = logIn("alice");

        var body = assertProblem(api.withBearerJson("PUT", "/api/users/current/password", token,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"one-Secret-42-river\","
                        + "\"newPassword\":\"two-Secret-42-river\"}"), 400, "malformed-request");

        assertThat(body).containsEntry("title", "Malformed request")
                .containsEntry("detail", "the member \"newPassword\" appears more than once");
        assertThat(body.toString()).doesNotContain("one-Secret", "two-Secret", PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void emptyBody_returns400_malformedRequest(String path) {
        assertProblem(api.putJson(path, ""), 400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void unknownMembers_areIgnored(String path) {
        signUp("alice");

        ApiClient.Response response = api.putJson(path,
                "{\"x\":{\"y\":[1,2]},\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(response.status()).isEqualTo(path.equals("/api/users") ? 409 : 201);
    }

    /**
     * RFC 8259 sets no limit on a number's length; Jackson's default (1000 digits) would call such a body invalid
     * JSON. The 16 KiB body limit bounds every number, and an ignored member's number is never converted.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"/api/users, 7", "/api/users, -0.7", "/api/users, 7e", "/api/sessions, 7", "/api/sessions, 7E+"})
    void aNumberOf15000Digits_inAnIgnoredMember_isRead(String path, String prefix) {
        signUp("alice");
        String number = prefix + "1".repeat(15_000);

        ApiClient.Response response = api.putJson(path,
                "{\"n\":" + number + ",\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(response.status()).isEqualTo(path.equals("/api/users") ? 409 : 201);
    }

    @Test
    void aNumberOf15000Digits_inAPasswordChange_isIgnored() {
        signUp("alice");
        String token = logIn("alice");

        ApiClient.Response response = api.withBearerJson("PUT", "/api/users/current/password", token,
                "{\"n\":" + "9".repeat(15_000) + ",\"currentPassword\":\"" + PASSWORD
                        + "\",\"newPassword\":\"mango-piano-83-lantern-quay\"}");

        assertThat(response.status()).isEqualTo(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void arraysNested5000Deep_inAnIgnoredMember_areRead(String path) {
        signUp("alice");

        ApiClient.Response response = api.putJson(path, "{\"n\":" + "[".repeat(5000) + "]".repeat(5000)
                + ",\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(response.status()).isEqualTo(path.equals("/api/users") ? 409 : 201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void textPlainBody_returns415_unsupportedMediaType(String path) {
        ApiClient.Response response = api.send(api.request(path).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("alice", PASSWORD))));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void bodyOver16KiB_withContentLength_returns413_payloadTooLarge(String path) {
        String body = credentials("alice", "x".repeat(16 * 1024));

        assertProblem(api.putJson(path, body), 413, "payload-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void bodyOver16KiB_chunkedWithoutContentLength_returns413_payloadTooLarge(String path) {
        byte[] body = credentials("alice", "x".repeat(16 * 1024)).getBytes(StandardCharsets.UTF_8);

        ApiClient.Response response = api.send(api.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(response.raw().request().headers().firstValue("Content-Length")).isEmpty();
        assertProblem(response, 413, "payload-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/sessions"})
    void bodyOfExactly16KiB_isRead(String path) {
        String prefix = "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\",\"pad\":\"";
        String body = prefix + "x".repeat(16 * 1024 - prefix.length() - 2) + "\"}";
        assertThat(body.length()).isEqualTo(16 * 1024);

        ApiClient.Response response = api.putJson(path, body);

        assertThat(response.status()).isEqualTo(path.equals("/api/users") ? 201 : 401);
    }
}
