package io.couchgate.application.port.in;

import io.couchgate.domain.Username;
import java.util.Objects;

/**
 * A logged-in user's request to delete the account. The caller wipes {@code password} once the use case returns.
 *
 * @param username the session's user
 * @param password the password in force, as typed (1 to 1024 characters)
 */
public record DeleteAccountCommand(Username username, char[] password) {

    /** @throws IllegalArgumentException if the password is empty or longer than 1024 characters */
    public DeleteAccountCommand {
        Objects.requireNonNull(username, "username");
        PasswordInput.requireLength(password);
    }

    @Override
    public String toString() {
        return "DeleteAccountCommand[username=" + username + ", password=<redacted>]";
    }
}
