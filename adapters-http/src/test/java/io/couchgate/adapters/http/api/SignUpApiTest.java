package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(rebuildContext = true)
class SignUpApiTest extends ApiTestSupport {

    @Test
    void signUp_returns201_withNormalisedUsername() {
        ApiClient.Response response = api.putJson("/api/users", credentials("Ａlice.Smith", PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.text()).isEqualTo("{\"username\":\"alice.smith\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "null", "true", "[\"x\"]", "{\"code\":1}", "\"not-a-code\""})
    void openMode_ignoresTheInvitationMember_ofAnyJsonType(String invitation) {
        ApiClient.Response response = api.putJson("/api/users", "{\"username\":\"alice\",\"password\":\""
                + PASSWORD + "\",\"invitation\":" + invitation + "}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsEntry("username", "alice");
    }

    @Test
    void signUpWithInvalidUsername_returns400_invalidUsername() {
        Map<String, Object> body = assertProblem(api.putJson("/api/users", credentials("a!", PASSWORD)), 400,
                "invalid-username");

        assertThat(body).containsEntry("detail",
                        "usernames may not contain the symbol '!'; usernames may contain only letters, digits, '.', "
                        + "'_' and '-'")
                .containsEntry("title", "Invalid username");
    }

    @Test
    void signUpWithWeakPassword_returns400_withSuggestions() {
        Map<String, Object> body = assertProblem(api.putJson("/api/users", credentials("alice", "short")), 400,
                "weak-password");

        assertThat(body).containsEntry("detail", "password must be at least 12 characters").containsEntry(
                "suggestions", List.of("Use a few uncommon words, or a password manager's random password."));
    }

    @Test
    void signUpWithGuessablePassword_returns400_withTheEstimatorsSuggestions() {
        WeakPasswordException expected = catchThrowableOfType(WeakPasswordException.class, () ->
                new NbvcxzPasswordPolicy(PasswordPolicyConfig.DEFAULT)
                        .requireAcceptable("alice1234567".toCharArray(), Username.of("alice")));

        Map<String, Object> body = assertProblem(api.putJson("/api/users", credentials("alice", "alice1234567")),
                400, "weak-password");

        assertThat(expected.suggestions()).isNotEmpty();
        assertThat(body).containsEntry("detail", expected.getMessage())
                .containsEntry("suggestions", expected.suggestions());
    }

    @Test
    void signUpWithEmptyPassword_returns400_weakPassword_withoutReachingTheUseCase() {
        Map<String, Object> body = assertProblem(api.putJson("/api/users", credentials("alice", "")), 400,
                "weak-password");

        assertThat(body).containsEntry("detail", "password is required").containsEntry("suggestions", List.of());
    }

    @Test
    void signUpWithPasswordOver1024Characters_returns400_weakPassword() {
        Map<String, Object> body = assertProblem(api.putJson("/api/users", credentials("alice", "x".repeat(1025))),
                400, "weak-password");

        assertThat(body).containsEntry("detail", "password must be at most 1024 characters");
    }

    @Test
    void signUpWithAnUnpairedSurrogateInThePassword_returns400_weakPassword() {
        // JSON allows a lone surrogate escape (high or low); as UTF-8 it would become '?'.
        for (String password : new String[] {"zebra-quartz-\\ud800-lantern", "zebra-quartz-\\udc00-lantern"}) {
            Map<String, Object> body = assertProblem(api.putJson("/api/users", credentials("alice", password)), 400,
                    "weak-password");

            assertThat(body).containsEntry("detail",
                    "password must be valid Unicode text (it holds an unpaired surrogate)")
                    .containsEntry("suggestions", List.of());
        }
        assertThat(users.findByUsername(Username.of("alice"))).isEmpty();
    }

    @Test
    void signUpWithAPairedSurrogate_isAccepted() {
        ApiClient.Response response = api.putJson("/api/users",
                credentials("alice", "zebra-quartz-\\ud83d\\ude00-lantern"));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void signUpWithTakenUsername_returns409_usernameTaken() {
        signUp("alice");

        assertProblem(api.putJson("/api/users", credentials("ALICE", PASSWORD)), 409, "username-taken");
    }

    @Test
    void signUpWhenCouchDbFails_returns503_withoutInternals() {
        users.down(true);

        ApiClient.Response response = api.putJson("/api/users", credentials("alice", PASSWORD));

        assertProblem(response, 503, "couchdb-unavailable");
        assertThat(response.text()).doesNotContain("app_users", "answered", "Exception", "at io.");
    }
}
