package io.couchgate.domain.port.testing;

import io.couchgate.domain.Invitation;
import io.couchgate.domain.port.InvitationStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An {@link InvitationStore} in a sorted map by code hash; {@link #take} is atomic. Thread-safe. */
public final class InMemoryInvitationStore implements InvitationStore {

    private final ConcurrentSkipListMap<String, Invitation> invitations = new ConcurrentSkipListMap<>();

    @Override
    public void add(Invitation invitation) {
        invitations.put(invitation.codeHash(), invitation);
    }

    @Override
    public List<Invitation> list() {
        return List.copyOf(invitations.values());
    }

    @Override
    public Optional<Invitation> find(String codeHash) {
        return Optional.ofNullable(invitations.get(codeHash));
    }

    @Override
    public boolean take(String codeHash) {
        return invitations.remove(codeHash) != null;
    }
}
