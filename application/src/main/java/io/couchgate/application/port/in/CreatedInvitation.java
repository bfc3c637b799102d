package io.couchgate.application.port.in;

import io.couchgate.domain.Invitation;
import io.couchgate.domain.InvitationCode;
import java.util.Objects;

/**
 * A new invitation and its code, which exists nowhere else (the store keeps only its hash).
 *
 * @param code the code to hand out
 * @param invitation what was stored
 */
public record CreatedInvitation(InvitationCode code, Invitation invitation) {

    /** @throws NullPointerException if either is null */
    public CreatedInvitation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(invitation, "invitation");
    }
}
