package io.couchgate.application.port.in;

import java.util.Objects;

/**
 * A login attempt. The username is as typed (the use case normalises it; an impossible name is an unknown
 * user). The caller wipes {@code password} once the use case returns.
 *
 * @param username the name as typed
 * @param password the password as typed (1 to 1024 characters)
 */
public record LogInCommand(String username, char[] password) {

    /** @throws IllegalArgumentException if the password is empty or longer than 1024 characters */
    public LogInCommand {
        Objects.requireNonNull(username, "username");
        PasswordInput.requireLength(password);
    }

    @Override
    public String toString() {
        return "LogInCommand[username=" + username + ", password=<redacted>]";
    }
}
