package io.couchgate.application.port.in;

import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.PasswordPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create an account. The caller wipes {@code password} once the use case returns.
 *
 * @param username the normalised name, not reserved ({@link Username#requireNotReserved}: a rule for new accounts only)
 * @param password the password as typed (1 to {@link PasswordPolicy#MAX_LENGTH} characters)
 * @param invitation the invitation code the signup carries (signup mode {@code invite}); empty for none
 */
public record SignUpCommand(Username username, char[] password, Optional<InvitationCode> invitation) {

    /**
     * A signup without an invitation code.
     *
     * @param username as above
     * @param password as above
     */
    public SignUpCommand(Username username, char[] password) {
        this(username, password, Optional.empty());
    }

    /**
     * @throws io.couchgate.domain.InvalidUsernameException if the name is reserved ("the name admin is reserved")
     * @throws IllegalArgumentException if the password is empty or longer than 1024 characters
     */
    public SignUpCommand {
        Objects.requireNonNull(username, "username");
        username.requireNotReserved();
        PasswordInput.requireLength(password);
        Objects.requireNonNull(invitation, "invitation");
    }

    @Override
    public String toString() {
        return "SignUpCommand[username=" + username + ", password=<redacted>, invitation="
                + (invitation.isPresent() ? "<redacted>" : "none") + "]";
    }
}
