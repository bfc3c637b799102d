package io.couchgate.application.port.in;

import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import java.util.Objects;

/**
 * A password change by a logged-in user. The caller wipes both passwords once the use case returns.
 *
 * @param username the session's user
 * @param keep the calling session, which stays open while the user's other sessions end
 * @param currentPassword the password in force, as typed (1 to 1024 characters)
 * @param newPassword the new password, as typed (1 to 1024 characters)
 * @param replacesOneTime whether the calling session was opened with a one-time password: then it ends too (its
 *                        client logs in again with the new password), and the new password must differ from it
 */
public record ChangePasswordCommand(Username username, SessionId keep, char[] currentPassword, char[] newPassword,
                                    boolean replacesOneTime) {

    /** @throws IllegalArgumentException if a password is empty or longer than 1024 characters */
    public ChangePasswordCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(keep, "keep");
        PasswordInput.requireLength(currentPassword);
        PasswordInput.requireLength(newPassword);
    }

    /**
     * A change from an ordinary session, which stays open.
     *
     * @throws IllegalArgumentException if a password is empty or longer than 1024 characters
     */
    public ChangePasswordCommand(Username username, SessionId keep, char[] currentPassword, char[] newPassword) {
        this(username, keep, currentPassword, newPassword, false);
    }

    @Override
    public String toString() {
        return "ChangePasswordCommand[username=" + username + ", keep=" + keep
                + ", currentPassword=<redacted>, newPassword=<redacted>, replacesOneTime=" + replacesOneTime + "]";
    }
}
