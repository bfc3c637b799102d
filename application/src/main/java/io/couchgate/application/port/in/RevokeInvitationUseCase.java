package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Invitation;
import java.util.Optional;

/** Revokes an invitation before it is used (admin CLI {@code invites revoke}). */
public interface RevokeInvitationUseCase {

    /**
     * @param codeOrId the invitation's code, or its {@link Invitation#id()} as {@code invites list} shows it
     * @return the revoked invitation; empty when none matches (unknown, used or revoked already)
     * @throws CouchDbException if CouchDB fails
     */
    Optional<Invitation> revokeInvitation(String codeOrId);
}
