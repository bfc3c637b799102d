package io.couchgate.application.port.in;

import io.couchgate.domain.Username;
import java.util.Objects;
import java.util.Optional;

/**
 * A password reset by an administrator. The caller wipes the password once the use case returns.
 *
 * @param username the account
 * @param newPassword the new password as typed (1 to 1024 characters), or empty for a random one
 * @param oneTime whether the new password is one-time: the account is marked "password change required" and a
 *                login with it opens a session that can only change it (the administrator knows it either way)
 */
public record ResetPasswordCommand(Username username, Optional<char[]> newPassword, boolean oneTime) {

    /** @throws IllegalArgumentException if the given password is empty or longer than 1024 characters */
    public ResetPasswordCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(newPassword, "newPassword");
        newPassword.ifPresent(PasswordInput::requireLength);
    }

    /**
     * A one-time reset.
     *
     * @throws IllegalArgumentException if the given password is empty or longer than 1024 characters
     */
    public ResetPasswordCommand(Username username, Optional<char[]> newPassword) {
        this(username, newPassword, true);
    }

    @Override
    public String toString() {
        return "ResetPasswordCommand[username=" + username + ", newPassword=<redacted>, oneTime=" + oneTime + "]";
    }
}
