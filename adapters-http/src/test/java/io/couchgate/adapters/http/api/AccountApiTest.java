package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.application.account.ChangePasswordService;
import io.couchgate.application.account.DeleteAccountService;
import io.couchgate.adapters.http.testing.TestWiring;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PUT /api/users/current/password} and {@code DELETE /api/users/current} over the in-memory ports. */
@MicronautTest(rebuildContext = true)
class AccountApiTest extends ApiTestSupport {

    static final String NEW = "mango-Piano-83-lantern-Quay";
    static final String PASSWORD_PATH = "/api/users/current/password";
    static final String ACCOUNT_PATH = "/api/users/current";

    @Inject
    RecordingSessionStreams streams;
    @Inject
    GatedPasswordHasher gate;
    /** Made before each test, so that their dummy hashes are not counted. */
    @Inject
    ChangePasswordService changePassword;
    @Inject
    DeleteAccountService deleteAccount;

    private String calling;
    private String other;

    @BeforeEach
    void aliceWithTwoSessions() {
        signUp("alice");
        calling = logIn("alice");
        other = logIn("alice");
        gate.resetCounts();
    }

    @Test
    void changePassword_returns204_endsTheOtherSession_keepsTheCallingOne_andOnlyTheNewPasswordLogsIn()
            throws ParseException {
        ApiClient.Response response = change(calling, PASSWORD, NEW);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.bytes()).isEmpty();
        assertThat(gate.entered()).isEqualTo(2); // the verify and the new hash
        assertThat(api.withBearer("GET", "/api/sessions/current", calling).status()).isEqualTo(200);
        assertProblem(api.withBearer("GET", "/api/sessions/current", other), 401, "unauthorized");
        assertThat(streams.ended()).containsExactly(sessionIdOf(other));
        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).bytes())
                .isEqualTo(wrongLogin().bytes());
        assertThat(api.putJson("/api/sessions", credentials("alice", NEW)).status()).isEqualTo(201);
    }

    @Test
    void changePassword_withTheWrongCurrentPassword_returns401_theLoginBody_afterOneArgon2idRun() {
        ApiClient.Response response = change(calling, "wrong password!", NEW);

        assertProblem(response, 401, "invalid-credentials");
        assertThat(response.bytes()).isEqualTo(wrongLogin().bytes());
        assertThat(response.header("WWW-Authenticate")).isNull();
        assertThat(gate.entered()).isEqualTo(2); // this call's verify, then the wrong login's
        assertUnchanged();
    }

    @Test
    void changePassword_toAWeakPassword_returns400_sayingWhichRule_afterOneArgon2idRun() {
        ApiClient.Response shortOne = change(calling, PASSWORD, "short-1");
        ApiClient.Response common = change(calling, PASSWORD, "password1234");

        assertThat(assertProblem(shortOne, 400, "weak-password"))
                .containsEntry("detail", "password must be at least 12 characters");
        assertThat(assertProblem(common, 400, "weak-password"))
                .containsEntry("detail", "password is too easy to guess: This is a top-10 common password.");
        assertThat(gate.entered()).isEqualTo(2);
        assertUnchanged();
    }

    @Test
    void changePassword_toTheCurrentPassword_returns400_sayingItMustDiffer_andEndsNoSession() {
        ApiClient.Response response = change(calling, PASSWORD, PASSWORD);

        assertThat(assertProblem(response, 400, "weak-password"))
                .containsEntry("detail", "newPassword must differ from the current password");
        assertThat(response.bytes()).asString(StandardCharsets.UTF_8).doesNotContain(PASSWORD);
        assertUnchanged();
    }

    @Test
    void changePassword_toAnEmptyPassword_returns400() {
        assertThat(assertProblem(change(calling, PASSWORD, ""), 400, "weak-password"))
                .containsEntry("detail", "newPassword is required");
        assertUnchanged();
    }

    @Test
    void changePassword_toA1025CharacterPassword_returns400_sayingTheLimit() {
        assertThat(assertProblem(change(calling, PASSWORD, "x".repeat(1025)), 400, "weak-password"))
                .containsEntry("detail", "newPassword must be at most 1024 characters");
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"currentPassword\":\"x\"}", "{\"newPassword\":\"x\"}", "[]", "{\"currentPassword\":1,"
            + "\"newPassword\":\"x\"}", "{\"currentPassword\":\"a\",\"currentPassword\":\"b\",\"newPassword\":\"x\"}"})
    void changePassword_withAMalformedBody_returns400_malformedRequest(String body) {
        assertProblem(api.withBearerJson("PUT", PASSWORD_PATH, calling, body), 400, "malformed-request");
        assertThat(gate.entered()).isZero();
    }

    @Test
    void changePassword_withoutOrWithABadToken_returns401_unauthorized_beforeTheBodyIsRead() {
        assertProblem(api.putJson(PASSWORD_PATH, body(PASSWORD, NEW)), 401, "unauthorized");
        assertProblem(api.withBearerJson("PUT", PASSWORD_PATH, "not-a-jwt", "not json"), 401, "unauthorized");
        assertThat(gate.entered()).isZero();
    }

    @Test
    void changePassword_whenCouchDbFails_returns503_withRetryAfter_andChangesNothing() {
        users.down(true);

        ApiClient.Response response = change(calling, PASSWORD, NEW);

        assertProblem(response, 503, "couchdb-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.text()).doesNotContain("app_users", PASSWORD, NEW);
        users.down(false);
        assertUnchanged();
    }

    @Test
    void wrongPasswords_shareTheLoginThrottle_of10PerUsername() {
        for (int i = 0; i < 5; i++) {
            assertThat(wrongLogin().status()).isEqualTo(401);
            assertThat(change(calling, "wrong password!", NEW).status()).isEqualTo(401);
        }

        ApiClient.Response eleventh = change(calling, PASSWORD, NEW);

        assertProblem(eleventh, 429, "too-many-requests");
        assertThat(eleventh.header("Retry-After")).isEqualTo("90");
        assertProblem(deleteAccount(calling, PASSWORD), 429, "too-many-requests");
        assertProblem(api.putJson("/api/sessions", credentials("alice", PASSWORD)), 429, "too-many-requests");
        clock.advance(Duration.ofSeconds(90));
        assertThat(change(calling, PASSWORD, NEW).status()).isEqualTo(204);
    }

    @Test
    void aRightPassword_resetsTheUsernamesFailures_andSpendsNoLogin() {
        for (int i = 0; i < 9; i++) {
            assertThat(change(calling, "wrong password!", NEW).status()).isEqualTo(401);
        }
        assertThat(change(calling, PASSWORD, NEW).status()).isEqualTo(204);
        for (int i = 0; i < 10; i++) {
            assertThat(wrongLogin().status()).isEqualTo(401);
        }
    }

    @Test
    void deleteAccount_returns204_endsEverySession_thenLoginIs401AsForAnUnknownUser() throws ParseException {
        ApiClient.Response response = deleteAccount(calling, PASSWORD);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.bytes()).isEmpty();
        assertThat(gate.entered()).isEqualTo(1);
        assertProblem(api.withBearer("GET", "/api/sessions/current", calling), 401, "unauthorized");
        assertProblem(api.withBearer("GET", "/api/sessions/current", other), 401, "unauthorized");
        assertThat(streams.ended()).containsExactlyInAnyOrder(sessionIdOf(calling), sessionIdOf(other));
        assertThat(users.deletedAt(Username.of("alice"))).contains(clock.now());
        gate.resetCounts();
        ApiClient.Response login = api.putJson("/api/sessions", credentials("alice", PASSWORD));
        assertThat(login.bytes()).isEqualTo(api.putJson("/api/sessions", credentials("nobody", PASSWORD)).bytes());
        assertThat(login.status()).isEqualTo(401);
        assertThat(gate.entered()).isEqualTo(2); // one dummy verify each
    }

    @Test
    void deletedName_isTaken_forTheQuarantine_thenCanBeSignedUpAgain() {
        signUp("bob");
        assertThat(deleteAccount(calling, PASSWORD).status()).isEqualTo(204);
        ApiClient.Response taken = api.putJson("/api/users", credentials("bob", PASSWORD));

        clock.advance(TestWiring.NAME_QUARANTINE);
        ApiClient.Response during = api.putJson("/api/users", credentials("alice", PASSWORD));
        clock.advance(Duration.ofMillis(1));
        ApiClient.Response after = api.putJson("/api/users", credentials("Alice", NEW));

        assertProblem(during, 409, "username-taken");
        assertThat(during.bytes()).isEqualTo(taken.bytes());
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.text()).isEqualTo("{\"username\":\"alice\"}");
        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(401);
        assertThat(api.putJson("/api/sessions", credentials("alice", NEW)).status()).isEqualTo(201);
    }

    @Test
    void deleteAccount_withTheWrongPassword_returns401_afterOneArgon2idRun_andKeepsEverything() {
        ApiClient.Response response = deleteAccount(calling, "wrong password!");

        assertProblem(response, 401, "invalid-credentials");
        assertThat(response.bytes()).isEqualTo(wrongLogin().bytes());
        assertThat(gate.entered()).isEqualTo(2);
        assertUnchanged();
    }

    @Test
    void deleteAccount_withoutABody_orToken_isRefused() {
        assertProblem(api.withBearer("DELETE", ACCOUNT_PATH, calling), 415, "unsupported-media-type");
        assertProblem(api.withBearerJson("DELETE", ACCOUNT_PATH, calling, ""), 400, "malformed-request");
        assertThat(assertProblem(api.withBearerJson("DELETE", ACCOUNT_PATH, calling, "{}"), 400, "malformed-request"))
                .containsEntry("detail", "\"password\" is a required string");
        assertProblem(api.send(api.request(ACCOUNT_PATH).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(body(PASSWORD)))),
                401, "unauthorized");
        assertUnchanged();
    }

    @Test
    void deleteAccount_whenCouchDbFails_returns503_withRetryAfter_andKeepsTheAccount() {
        users.down(true);

        ApiClient.Response response = deleteAccount(calling, PASSWORD);

        assertProblem(response, 503, "couchdb-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        users.down(false);
        assertUnchanged();
    }

    @Test
    void getOnTheAccount_returns405_listingItsMethods() {
        ApiClient.Response response = api.withBearer("GET", ACCOUNT_PATH, calling);
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("DELETE");
    }

    private void assertUnchanged() {
        assertThat(api.withBearer("GET", "/api/sessions/current", calling).status()).isEqualTo(200);
        assertThat(api.withBearer("GET", "/api/sessions/current", other).status()).isEqualTo(200);
        assertThat(streams.ended()).isEmpty();
        assertThat(users.deletedAt(Username.of("alice"))).isEmpty();
        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(201);
    }

    private ApiClient.Response wrongLogin() {
        return api.putJson("/api/sessions", credentials("alice", "wrong password!"));
    }

    private ApiClient.Response change(String token, String current, String fresh) {
        return api.withBearerJson("PUT", PASSWORD_PATH, token, body(current, fresh));
    }

    private ApiClient.Response deleteAccount(String token, String password) {
        return api.withBearerJson("DELETE", ACCOUNT_PATH, token, body(password));
    }

    static String body(String current, String fresh) {
        return "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + fresh + "\"}";
    }

    static String body(String password) {
        return "{\"password\":\"" + password + "\"}";
    }

    private static SessionId sessionIdOf(String token) throws ParseException {
        return new SessionId(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid"));
    }
}
