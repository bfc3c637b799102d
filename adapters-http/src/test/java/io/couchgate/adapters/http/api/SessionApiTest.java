package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.TestWiring;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import com.nimbusds.jwt.SignedJWT;
import io.couchgate.domain.SessionId;
import java.net.http.HttpRequest;
import java.text.ParseException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(rebuildContext = true)
class SessionApiTest extends ApiTestSupport {

    @Test
    void currentSession_returns200_withUsernameAndExpiry() {
        signUp("alice");
        Instant now = clock.now();
        String token = logIn("alice");

        ApiClient.Response response = api.withBearer("GET", "/api/sessions/current", token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.text()).isEqualTo(
                "{\"username\":\"alice\",\"expiresAt\":\"" + TestWiring.SESSIONS.expiresAt(now)
                        + "\",\"passwordChangeRequired\":false}");
    }

    @Test
    void currentSession_withoutAuthorization_returns401_unauthorized_withBearerChallenge() {
        ApiClient.Response response = api.send(api.request("/api/sessions/current").GET());

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"couchgate\"");
    }

    @Test
    void currentSession_withAnInvalidToken_returns401_withTheInvalidTokenChallenge() {
        ApiClient.Response response = api.send(api.request("/api/sessions/current")
                .header("Authorization", "Bearer not-a-jwt").GET());

        assertProblem(response, 401, "unauthorized");
        assertThat(response.raw().headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"couchgate\", error=\"invalid_token\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWxpY2U6cGFzc3dvcmQ=", "Bearer", "Bearer ", "Bearer not-a-jwt", "Token abc.def.ghi"})
    void currentSession_withUnusableAuthorization_returns401_unauthorized(String authorization) {
        ApiClient.Response response = api.send(api.request("/api/sessions/current")
                .header("Authorization", authorization).GET());

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void logOutCurrent_returns204_andTheTokenStopsWorking() {
        signUp("alice");
        String token = logIn("alice");
        String other = logIn("alice");

        ApiClient.Response response = api.withBearer("DELETE", "/api/sessions/current", token);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.bytes()).isEmpty();
        assertProblem(api.withBearer("GET", "/api/sessions/current", token), 401, "unauthorized");
        assertProblem(api.withBearer("DELETE", "/api/sessions/current", token), 401, "unauthorized");
        assertThat(api.withBearer("GET", "/api/sessions/current", other).status()).isEqualTo(200);
    }

    @Test
    void logOutEverywhere_returns204_andEndsEverySessionOfThatUserOnly() {
        signUp("alice");
        signUp("bob");
        String first = logIn("alice");
        String second = logIn("alice");
        String bobs = logIn("bob");

        ApiClient.Response response = api.withBearer("DELETE", "/api/sessions", first);

        assertThat(response.status()).isEqualTo(204);
        assertProblem(api.withBearer("GET", "/api/sessions/current", first), 401, "unauthorized");
        assertProblem(api.withBearer("GET", "/api/sessions/current", second), 401, "unauthorized");
        assertThat(api.withBearer("GET", "/api/sessions/current", bobs).status()).isEqualTo(200);
    }

    @Test
    void logOutWithoutToken_returns401_unauthorized() {
        assertProblem(api.send(api.request("/api/sessions").DELETE()), 401, "unauthorized");
        assertProblem(api.send(api.request("/api/sessions/current").DELETE()), 401, "unauthorized");
    }

    @Test
    void logOutWhenCouchDbFails_returns503_andKeepsTheSession() throws ParseException {
        signUp("alice");
        String token = logIn("alice");
        directory.failDeletesOf(new SessionId(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid")));

        assertProblem(api.withBearer("DELETE", "/api/sessions/current", token), 503, "couchdb-unavailable");
        directory.healDeletes();
        assertThat(api.withBearer("GET", "/api/sessions/current", token).status()).isEqualTo(200);
    }

    @Test
    void postToUsers_returns405_problemWithAllowHeader() {
        ApiClient.Response response = api.send(api.request("/api/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials("alice", PASSWORD))));

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("PUT");
    }

    @Test
    void getOnSessions_andPutOnCurrent_return405() {
        assertProblem(api.send(api.request("/api/sessions").GET()), 405, "method-not-allowed");
        assertProblem(api.send(api.request("/api/sessions/current").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405, "method-not-allowed");
    }
}
