package io.couchgate.application.admin;

import io.couchgate.application.port.in.CreateInvitationUseCase;
import io.couchgate.application.port.in.CreatedInvitation;
import io.couchgate.application.port.in.ListInvitationsUseCase;
import io.couchgate.application.port.in.RevokeInvitationUseCase;
import io.couchgate.domain.Invitation;
import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InvitationStore;
import io.couchgate.domain.port.RandomSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes, lists and revokes signup invitations. A code is {@value #CODE_BYTES} random bytes (128 bits) as unpadded
 * base64url (22 characters, URL-safe); only its SHA-256 is stored, so a leaked database gives no usable code.
 * A code never begins with {@code -}: one drawn so is drawn again, so that a command line never reads a pasted code as
 * an option ({@code couchgate admin invites revoke CODE}); this costs under 0.03 of the 128 bits.
 */
public final class InvitationsService implements CreateInvitationUseCase, ListInvitationsUseCase,
        RevokeInvitationUseCase {

    /** Random bytes per code. */
    public static final int CODE_BYTES = 16;

    private final InvitationStore store;
    private final RandomSource random;
    private final Clock clock;

    /**
     * @param store where invitations are kept
     * @param random source of the codes
     * @param clock gives the creation time
     */
    public InvitationsService(InvitationStore store, RandomSource random, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreatedInvitation createInvitation(Duration validFor) {
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("an invitation must be valid for a positive time, was " + validFor);
        }
        InvitationCode code = newCode();
        Instant now = clock.now();
        Invitation invitation = new Invitation(code.hash(), now, now.plus(validFor));
        store.add(invitation);
        return new CreatedInvitation(code, invitation);
    }

    private InvitationCode newCode() {
        String code = random.base64Url(CODE_BYTES);
        while (code.startsWith("-")) {
            code = random.base64Url(CODE_BYTES);
        }
        return new InvitationCode(code);
    }

    @Override
    public List<Invitation> listInvitations() {
        return store.list().stream().sorted(Comparator.comparing(Invitation::createdAt)
                .thenComparing(Invitation::codeHash)).toList();
    }

    @Override
    public Optional<Invitation> revokeInvitation(String codeOrId) {
        Optional<Invitation> match = byCode(codeOrId).or(() -> byId(codeOrId));
        return match.filter(invitation -> store.take(invitation.codeHash()));
    }

    private Optional<Invitation> byCode(String code) {
        try {
            return store.find(new InvitationCode(code).hash());
        } catch (IllegalArgumentException notACode) {
            return Optional.empty();
        }
    }

    private Optional<Invitation> byId(String id) {
        if (id.length() != Invitation.ID_LENGTH) {
            return Optional.empty();
        }
        return store.list().stream().filter(invitation -> invitation.id().equals(id)).findFirst();
    }
}
