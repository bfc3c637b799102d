package io.couchgate.application.port.in;

import io.couchgate.domain.CouchDbException;
import java.time.Duration;

/** Makes a single-use signup invitation (admin CLI {@code invites create}). */
public interface CreateInvitationUseCase {

    /**
     * @param validFor how long the invitation is accepted, from now; positive
     * @return the code (to hand out, shown once: only its hash is stored) and the stored invitation
     * @throws IllegalArgumentException if {@code validFor} is not positive
     * @throws CouchDbException if CouchDB fails
     */
    CreatedInvitation createInvitation(Duration validFor);
}
