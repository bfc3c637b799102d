package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.TestWiring;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(rebuildContext = true)
class LogInApiTest extends ApiTestSupport {

    @Test
    void logIn_returns201_withBearerTokenExpiryAndNormalisedUsername() {
        signUp("alice");
        Instant now = clock.now();

        ApiClient.Response response = api.putJson("/api/sessions", credentials("Alice", PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> body = response.body();
        assertThat(body).containsOnlyKeys("token", "tokenType", "expiresAt", "username", "passwordChangeRequired")
                .containsEntry("tokenType", "Bearer")
                .containsEntry("passwordChangeRequired", false)
                .containsEntry("username", "alice")
                .containsEntry("expiresAt", TestWiring.SESSIONS.expiresAt(now).toString());
        assertThat((String) body.get("token")).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void loginWithWrongPassword_returns401_andSameBodyAsUnknownUser() {
        signUp("alice");

        ApiClient.Response wrongPassword = api.putJson("/api/sessions", credentials("alice", "wrong password!"));
        ApiClient.Response unknownUser = api.putJson("/api/sessions", credentials("bob", PASSWORD));
        ApiClient.Response impossibleName = api.putJson("/api/sessions", credentials("b!", PASSWORD));

        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownUser.bytes()).isEqualTo(wrongPassword.bytes());
        assertThat(impossibleName.bytes()).isEqualTo(wrongPassword.bytes());
        assertThat(unknownUser.header("Content-Type")).isEqualTo(wrongPassword.header("Content-Type"));
        assertThat(wrongPassword.text()).doesNotContain("alice", "wrong password!");
    }

    @Test
    void loginWithEmptyPassword_returns401_sameBodyAsWrongPassword() {
        signUp("alice");

        ApiClient.Response empty = api.putJson("/api/sessions", credentials("alice", ""));
        ApiClient.Response wrong = api.putJson("/api/sessions", credentials("alice", "wrong password!"));

        assertThat(empty.status()).isEqualTo(401);
        assertThat(empty.bytes()).isEqualTo(wrong.bytes());
    }

    @Test
    void loginWith1025CharacterPassword_returns401_sameBodyAsWrongPassword() {
        signUp("alice");

        ApiClient.Response tooLong = api.putJson("/api/sessions", credentials("alice", "x".repeat(1025)));
        ApiClient.Response wrong = api.putJson("/api/sessions", credentials("alice", "wrong password!"));

        assertThat(tooLong.status()).isEqualTo(401);
        assertThat(tooLong.bytes()).isEqualTo(wrong.bytes());
    }

    @Test
    void loginWhenCouchDbFails_returns503_couchdbUnavailable() {
        signUp("alice");
        users.down(true);

        ApiClient.Response response = api.putJson("/api/sessions", credentials("alice", PASSWORD));

        assertProblem(response, 503, "couchdb-unavailable");
        assertThat(response.text()).doesNotContain("app_users", PASSWORD);
    }

    @Test
    void loginWithAnUnpairedSurrogateInThePassword_returns401_sameBody_evenWhereItWouldCollideWithQuestionMark() {
        ApiClient.Response signup = api.putJson("/api/users", credentials("zed", "zebra-quartz-?-lantern"));
        assertThat(signup.status()).isEqualTo(201);
        ApiClient.Response wrongPassword = api.putJson("/api/sessions", credentials("zed", "wrong password!"));

        ApiClient.Response high = api.putJson("/api/sessions", credentials("zed", "zebra-quartz-\\ud800-lantern"));
        ApiClient.Response low = api.putJson("/api/sessions", credentials("zed", "zebra-quartz-\\udc00-lantern"));

        assertProblem(high, 401, "invalid-credentials");
        assertThat(high.text()).isEqualTo(wrongPassword.text());
        assertThat(low.text()).isEqualTo(wrongPassword.text());
        assertThat(logIns.calls()).isEqualTo(3); // each reaches the use case, which verifies the dummy hash
        assertThat(api.putJson("/api/sessions", credentials("zed", "zebra-quartz-?-lantern")).status())
                .isEqualTo(201);
    }
}
