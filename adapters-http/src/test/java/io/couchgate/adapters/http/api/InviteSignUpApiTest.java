package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.TestWiring;
import io.couchgate.domain.Invitation;
import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.InMemoryInvitationStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@MicronautTest(rebuildContext = true)
@Property(name = TestWiring.SIGNUP_MODE, value = "invite")
class InviteSignUpApiTest extends ApiTestSupport {

    private static final String CODE = "Q2F0Y2hNZUlmWW91Q2FuMQ";

    @Inject
    InMemoryInvitationStore invitations;

    @Test
    void signUpWithAValidCode_returns201_andTheSameCodeAgain_403invitationInvalid() {
        invite(Duration.ofDays(7));

        assertCreatedAlice(api.putJson("/api/users", body("alice", CODE)));
        assertThat(users.findByUsername(Username.of("alice"))).isPresent();

        var body = assertProblem(api.putJson("/api/users", body("bob", CODE)), 403, "invitation-invalid");
        assertThat(body).containsEntry("title", "Invitation invalid")
                .containsEntry("detail", "the invitation code is unknown, used or revoked");
        assertThat(users.findByUsername(Username.of("bob"))).isEmpty();
    }

    @Test
    void signUpWithoutACode_returns403_andChangesNothing() {
        invite(Duration.ofDays(7));
        var body = assertProblem(api.putJson("/api/users", credentials("alice", PASSWORD)), 403,
                "invitation-invalid");
        assertThat(body).containsEntry("detail", "signup on this server needs an invitation code");
        assertThat(users.findByUsername(Username.of("alice"))).isEmpty();
        assertThat(invitations.list()).hasSize(1);
    }

    @Test
    void signUpWithAnExpiredCode_returns403() {
        invite(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        var body = assertProblem(api.putJson("/api/users", body("alice", CODE)), 403, "invitation-invalid");
        assertThat(body).containsEntry("detail", "the invitation code has expired");
    }

    @Test
    void anInvitationThatIsNotAString_isAMalformedRequest() {
        invite(Duration.ofDays(7));
        for (String invitation : new String[] {"7", "null", "true", "[]", "{\"code\":\"" + CODE + "\"}"}) {
            var body = assertProblem(api.putJson("/api/users", "{\"username\":\"alice\",\"password\":\""
                    + PASSWORD + "\",\"invitation\":" + invitation + "}"), 400, "malformed-request");
            assertThat(body).as(invitation).containsEntry("title", "Malformed request")
                    .containsEntry("detail", "\"invitation\" must be a string");
        }
        assertThat(users.findByUsername(Username.of("alice"))).isEmpty();
    }

    private void invite(Duration validFor) {
        invitations.add(new Invitation(new InvitationCode(CODE).hash(), clock.now(), clock.now().plus(validFor)));
    }

    private static void assertCreatedAlice(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsEntry("username", "alice");
    }

    private static String body(String username, String code) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"invitation\":\"" + code + "\"}";
    }
}
