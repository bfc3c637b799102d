package io.couchgate.domain.port;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Invitation;
import java.util.List;
import java.util.Optional;

/**
 * Signup invitations (admin-only database {@code app_users} in production), kept by the hash of their code. Each is
 * used at most once: {@link #take} removes it atomically, so of two signups with one code exactly one gets it.
 */
public interface InvitationStore {

    /**
     * Stores an invitation; one whose hash is stored already is replaced (a restore after a failed signup).
     *
     * @param invitation the invitation
     * @throws CouchDbException if the store fails
     */
    void add(Invitation invitation);

    /**
     * @return every stored invitation (expired ones included), ordered by hash
     * @throws CouchDbException if the store fails
     */
    List<Invitation> list();

    /**
     * @param codeHash {@link io.couchgate.domain.InvitationCode#hash()}
     * @return the invitation, or empty when there is none (never was, used or revoked)
     * @throws CouchDbException if the store fails
     */
    Optional<Invitation> find(String codeHash);

    /**
     * Removes the invitation if it is still there, atomically: of concurrent calls for one hash at most one returns
     * true (CouchDB: a delete naming the revision read; a 409 means another caller took it).
     *
     * @param codeHash the hash of the code
     * @return true if this call removed it; false if it was not there or another call removed it first
     * @throws CouchDbException if the store fails (the invitation is then kept or removed, as the store left it)
     */
    boolean take(String codeHash);
}
