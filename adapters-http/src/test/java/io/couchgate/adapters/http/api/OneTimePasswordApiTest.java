package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.application.account.ChangePasswordService;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A login with a one-time password (an account marked "password change required" by the admin CLI). */
@MicronautTest(rebuildContext = true)
class OneTimePasswordApiTest extends ApiTestSupport {

    private static final Username ALICE = Username.of("alice");
    private static final String NEW = "mango-Piano-83-lantern-quay";

    @BeforeEach
    void aliceWithAOneTimePassword() {
        signUp("alice");
        AppUser alice = users.findByUsername(ALICE).orElseThrow();
        users.update(alice.withNewPassword(alice.passwordHash(), true));
    }

    @Test
    void login_returns201_withTheFlag() {
        ApiClient.Response response = api.putJson("/api/sessions", credentials("alice", PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsEntry("passwordChangeRequired", true).containsEntry("username", "alice");
    }

    @Test
    void aSessionWhoseUserTheAdminDeleted_returns401_atItsNextCall_andIsDropped() {
        String token = logIn("alice");
        directory.deleteUsersWhere(name -> name.username().equals("alice")); // the admin CLI's end-sessions

        assertProblem(api.withBearer("GET", "/api/sessions/current", token), 401, "unauthorized");
        assertThat(store.findByUsername(ALICE)).isEmpty();
    }

    @Test
    void currentSession_andLogout_work_andShowTheFlag() {
        String token = logIn("alice");

        ApiClient.Response current = api.withBearer("GET", "/api/sessions/current", token);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.body()).containsEntry("passwordChangeRequired", true);

        assertThat(api.withBearer("DELETE", "/api/sessions/current", token).status()).isEqualTo(204);
        assertThat(api.withBearer("GET", "/api/sessions/current", token).status()).isEqualTo(401);
    }

    @Test
    void logoutEverywhere_returns403_passwordChangeRequired_andEndsNothing() {
        String token = logIn("alice");

        Map<String, Object> body = assertProblem(api.withBearer("DELETE", "/api/sessions", token), 403,
                "password-change-required");
        assertThat(body).containsEntry("title", "Password change required");
        assertThat(api.withBearer("GET", "/api/sessions/current", token).status()).isEqualTo(200);
    }

    @Test
    void passwordChange_returns200_loginRequired_endsTheSession_andTheNewPasswordOpensAnOrdinaryOne() {
        String token = logIn("alice");

        ApiClient.Response change = api.withBearerJson("PUT", "/api/users/current/password", token,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW + "\"}");

        assertThat(change.status()).isEqualTo(200);
        assertThat(change.text()).isEqualTo("{\"loginRequired\":true}");
        assertThat(api.withBearer("GET", "/api/sessions/current", token).status()).isEqualTo(401);
        assertProblem(api.putJson("/api/sessions", credentials("alice", PASSWORD)), 401, "invalid-credentials");
        ApiClient.Response login = api.putJson("/api/sessions", credentials("alice", NEW));
        assertThat(login.status()).isEqualTo(201);
        assertThat(login.body()).containsEntry("passwordChangeRequired", false);
        assertThat(users.findByUsername(ALICE).orElseThrow().passwordChangeRequired()).isFalse();
    }

    @Test
    void passwordChange_toTheOneTimePasswordItself_returns400_weakPassword_andKeepsTheMark() {
        String token = logIn("alice");

        Map<String, Object> body = assertProblem(api.withBearerJson("PUT", "/api/users/current/password", token,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + PASSWORD + "\"}"), 400,
                "weak-password");
        assertThat(body).containsEntry("detail", ChangePasswordService.SAME_AS_ONE_TIME);
        assertThat(users.findByUsername(ALICE).orElseThrow().passwordChangeRequired()).isTrue();
    }
}
