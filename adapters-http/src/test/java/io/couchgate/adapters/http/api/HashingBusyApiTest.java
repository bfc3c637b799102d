package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.OverlappingRequests;
import io.couchgate.adapters.http.testing.TestWiring;
import io.couchgate.application.account.ChangePasswordService;
import io.couchgate.application.account.DeleteAccountService;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One Argon2id run at a time, and a 100 ms wait for a turn: a second concurrent check is refused with 503. */
@MicronautTest(rebuildContext = true)
@Property(name = TestWiring.MAX_HASHES, value = "1")
@Property(name = TestWiring.HASH_QUEUE_TIMEOUT, value = "100ms")
class HashingBusyApiTest extends ApiTestSupport {

    @Inject
    GatedPasswordHasher gate;
    /** Made before the gate closes (each makes its dummy hash at construction, as at start-up in production). */
    @Inject
    ChangePasswordService changePassword;
    @Inject
    DeleteAccountService deleteAccount;

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @Test
    void loginAndSignup_whileTheOnlyTurnIsTaken_get503ServerBusy_withRetryAfter() throws Exception {
        signUp("alice");
        OverlappingRequests held = holdOneCheck();

        ApiClient.Response login = api.putJson("/api/sessions", credentials("alice", PASSWORD));
        ApiClient.Response signup = api.putJson("/api/users", credentials("bob", PASSWORD));

        for (ApiClient.Response busy : new ApiClient.Response[] {login, signup}) {
            assertThat(assertProblem(busy, 503, "server-busy"))
                    .containsEntry("detail", "too many password checks at once; try again shortly");
            assertThat(busy.header("Retry-After")).isEqualTo("1"); // 100 ms, rounded up
        }
        gate.open();
        assertThat(held.statusCounts()).isEqualTo(Map.of(401, 1));
        assertThat(users.findByUsername(io.couchgate.domain.Username.of("bob"))).isEmpty();
        assertThat(directory.createdNames()).isEmpty();
    }

    @Test
    void aBusyLogin_isNotCountedAsAFailure() throws Exception {
        signUp("alice");
        OverlappingRequests held = holdOneCheck();
        assertThat(api.putJson("/api/sessions", credentials("alice", "wrong password!")).status()).isEqualTo(503);
        gate.open();
        assertThat(held.statusCounts()).isEqualTo(Map.of(401, 1));

        for (int i = 0; i < LoginThrottle.PER_USERNAME - 1; i++) {
            assertThat(api.putJson("/api/sessions", credentials("alice", "wrong password!")).status())
                    .isEqualTo(401);
        }
        assertThat(api.putJson("/api/sessions", credentials("alice", "wrong password!")).status()).isEqualTo(429);
    }

    @Test
    void passwordChangeAndAccountDeletion_whileTheOnlyTurnIsTaken_get503ServerBusy_andChangeNothing()
            throws Exception {
        signUp("alice");
        String token = logIn("alice");
        OverlappingRequests held = holdOneCheck();

        ApiClient.Response change = api.withBearerJson("PUT", AccountApiTest.PASSWORD_PATH, token,
                AccountApiTest.body(PASSWORD, AccountApiTest.NEW));
        ApiClient.Response delete = api.withBearerJson("DELETE", AccountApiTest.ACCOUNT_PATH, token,
                AccountApiTest.body(PASSWORD));

        for (ApiClient.Response busy : new ApiClient.Response[] {change, delete}) {
            assertThat(assertProblem(busy, 503, "server-busy"))
                    .containsEntry("detail", "too many password checks at once; try again shortly");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
        }
        gate.open();
        assertThat(held.statusCounts()).isEqualTo(Map.of(401, 1));
        assertThat(api.withBearer("GET", "/api/sessions/current", token).status()).isEqualTo(200);
        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(201);
    }

    /** Sends one wrong-password login for alice and waits until its check holds the only turn. */
    private OverlappingRequests holdOneCheck() throws InterruptedException {
        gate.close();
        OverlappingRequests held = OverlappingRequests.send(1, i -> api.request("/api/sessions")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("alice", "wrong password!"))).build());
        assertThat(gate.awaitInside(1, OverlappingRequests.GENEROUS)).isTrue();
        return held;
    }
}
