package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Invitation;
import java.util.List;

/** Lists the stored invitations, expired ones included (admin CLI {@code invites list}). */
public interface ListInvitationsUseCase {

    /**
     * @return every invitation not yet used or revoked, by creation time
     * @throws CouchDbException if CouchDB fails
     */
    List<Invitation> listInvitations();
}
