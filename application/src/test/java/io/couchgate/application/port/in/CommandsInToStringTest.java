package io.couchgate.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.Username;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandsInToStringTest {

    private static final String PASSWORD = "violet-Kettle-47-orbit";

    @Test
    void logInCommand_printsTheUsernameButNotThePassword() {
        assertThat(new LogInCommand("Alice", PASSWORD.toCharArray()))
                .hasToString("LogInCommand[username=Alice, password=<redacted>]");
    }

    @Test
    void signUpCommand_printsTheUsernameButNotThePassword() {
        assertThat(new SignUpCommand(Username.of("alice"), PASSWORD.toCharArray()))
                .hasToString("SignUpCommand[username=alice, password=<redacted>, invitation=none]");
    }

    @Test
    void signUpCommand_printsNeitherThePasswordNorTheInvitationCode() {
        assertThat(new SignUpCommand(Username.of("alice"), PASSWORD.toCharArray(),
                Optional.of(new InvitationCode("Q2F0Y2hNZUlmWW91Q2FuMQ"))))
                .hasToString("SignUpCommand[username=alice, password=<redacted>, invitation=<redacted>]");
    }

    @Test
    void resetPasswordCommand_printsTheUsernameButNotThePassword() {
        assertThat(new ResetPasswordCommand(Username.of("alice"), Optional.of(PASSWORD.toCharArray())))
                .hasToString("ResetPasswordCommand[username=alice, newPassword=<redacted>, oneTime=true]");
    }

    @Test
    void logInResult_printsTheSessionIdButNotTheToken() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        LogInResult result = new LogInResult(new IssuedToken(jwt, Instant.parse("2026-01-08T00:00:00Z")),
                Username.of("alice"), new SessionId("AbCdEfGhIjKlMnOpQrStUv"));
        assertThat(result.toString()).doesNotContain(jwt).doesNotContain("c2lnbmF0dXJl")
                .isEqualTo("LogInResult[token=IssuedToken[value=<redacted>, expiresAt=2026-01-08T00:00:00Z], "
                        + "username=alice, sessionId=AbCdEfGhIjKlMnOpQrStUv, passwordChangeRequired=false]");
    }

    @Test
    void commands_refuseAnEmptyOrOverlongPassword() {
        assertThatThrownBy(() -> new LogInCommand("alice", new char[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password is required");
        assertThatThrownBy(() -> new SignUpCommand(Username.of("alice"), new char[1025]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must be at most 1024 characters");
    }
}
