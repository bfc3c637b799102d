package io.couchgate.application.account;

import io.couchgate.application.password.PasswordNormalization;
import io.couchgate.application.port.in.InvitationInvalidException;
import io.couchgate.application.port.in.SignUpClosedException;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.port.in.SignUpMode;
import io.couchgate.application.port.in.SignUpUseCase;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.Invitation;
import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InvitationStore;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates accounts (architecture flow 3): a password with an unpaired surrogate is refused, a taken name is refused
 * before the (costly) strength estimate, then policy, NFKC, Argon2id, store; a conflict on create (a concurrent
 * signup of the same name) means the name is taken too. The name of a deleted account stays taken until
 * {@code couchgate.signup.name-quarantine} has passed since its deletion ({@link AppUserRepository#create(AppUser,
 * java.time.Instant)}), so that nobody inherits the documents it owns by re-using it.
 *
 * <p>In {@link SignUpMode#INVITE} the invitation is checked first (before anything about the name is told): it must
 * exist and not have expired. Just before the account is created it is taken ({@link InvitationStore#take}, atomic:
 * of two signups with one code exactly one goes on, the other gets {@link InvitationInvalidException}). If the
 * account cannot be created then (name taken meanwhile, CouchDB failing), the invitation is put back, so a failed
 * signup never uses it up; should even that fail, a WARNING says so (the code is then lost and a new one must be
 * made) and the signup's own failure is thrown.
 */
public final class SignUpService implements SignUpUseCase {

    /** The default quarantine of a deleted account's name: 30 days ({@code couchgate.signup.name-quarantine}). */
    public static final Duration DEFAULT_NAME_QUARANTINE = Duration.ofDays(30);

    /** The reason given for a password holding a lone UTF-16 surrogate. */
    public static final String UNPAIRED_SURROGATE =
            "password must be valid Unicode text (it holds an unpaired surrogate)";

    private final AppUserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SignUpMode mode;
    private final InvitationStore invitations;
    private final Duration nameQuarantine;

    private static final System.Logger LOG = System.getLogger(SignUpService.class.getName());

    /**
     * @param users where accounts are kept
     * @param policy decides whether a password is acceptable
     * @param hasher hashes the password
     * @param clock gives the account's creation time
     * @param signUpEnabled true for {@link SignUpMode#OPEN}, false for {@link SignUpMode#CLOSED}
     * @param nameQuarantine as in {@link #SignUpService(AppUserRepository, PasswordPolicy, PasswordHasher, Clock,
     *                       SignUpMode, InvitationStore, Duration)}
     * @throws IllegalArgumentException if {@code nameQuarantine} is negative
     */
    public SignUpService(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher, Clock clock,
                         boolean signUpEnabled, Duration nameQuarantine) {
        this(users, policy, hasher, clock, signUpEnabled ? SignUpMode.OPEN : SignUpMode.CLOSED, null, nameQuarantine);
    }

    /**
     * @param users where accounts are kept
     * @param policy decides whether a password is acceptable
     * @param hasher hashes the password
     * @param clock gives the account's creation time and the instant invitations are checked against
     * @param mode {@code couchgate.signup.mode}
     * @param invitations where invitations are kept; required in {@link SignUpMode#INVITE}, else may be null
     * @param nameQuarantine {@code couchgate.signup.name-quarantine}: how long after its account's deletion a name
     *                       stays taken; not negative
     * @throws IllegalArgumentException if {@code nameQuarantine} is negative
     * @throws NullPointerException if {@code invitations} is null in {@link SignUpMode#INVITE}
     */
    public SignUpService(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher, Clock clock,
                         SignUpMode mode, InvitationStore invitations, Duration nameQuarantine) {
        this.users = Objects.requireNonNull(users, "users");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.invitations = mode == SignUpMode.INVITE ? Objects.requireNonNull(invitations, "invitations") : null;
        this.nameQuarantine = Objects.requireNonNull(nameQuarantine, "nameQuarantine");
        if (nameQuarantine.isNegative()) {
            throw new IllegalArgumentException("nameQuarantine must not be negative, was " + nameQuarantine);
        }
    }

    @Override
    public Username signUp(SignUpCommand command) {
        if (mode == SignUpMode.CLOSED) {
            throw new SignUpClosedException();
        }
        Optional<Invitation> invitation = mode == SignUpMode.INVITE
                ? Optional.of(requireInvitation(command.invitation())) : Optional.empty();
        if (PasswordNormalization.hasUnpairedSurrogate(command.password())) {
            throw new WeakPasswordException(UNPAIRED_SURROGATE, List.of());
        }
        if (users.findByUsername(command.username()).isPresent()) {
            throw new UsernameTakenException(command.username());
        }
        char[] password = PasswordNormalization.nfkc(command.password());
        try {
            policy.requireAcceptable(password, command.username());
            PasswordHash hash = hasher.hash(password);
            Instant now = clock.now();
            invitation.ifPresent(this::take);
            create(new AppUser(command.username(), hash, now), now.minus(nameQuarantine), invitation);
            return command.username();
        } finally {
            PasswordNormalization.wipe(password);
        }
    }

    private Invitation requireInvitation(Optional<InvitationCode> code) {
        if (code.isEmpty()) {
            throw new InvitationInvalidException("signup on this server needs an invitation code");
        }
        Invitation invitation = invitations.find(code.get().hash())
                .orElseThrow(() -> new InvitationInvalidException("the invitation code is unknown, used or revoked"));
        if (!invitation.isValidAt(clock.now())) {
            throw new InvitationInvalidException("the invitation code has expired");
        }
        return invitation;
    }

    private void take(Invitation invitation) {
        if (!invitations.take(invitation.codeHash())) {
            throw new InvitationInvalidException("the invitation code is unknown, used or revoked");
        }
    }

    private void create(AppUser user, Instant deletedBefore, Optional<Invitation> taken) {
        try {
            users.create(user, deletedBefore);
        } catch (RuntimeException e) {
            taken.ifPresent(invitation -> restore(invitation, e));
            throw e;
        }
    }

    /** The account was not made: the invitation goes back, so that the failed signup does not use it up. */
    private void restore(Invitation invitation, RuntimeException failure) {
        try {
            invitations.add(invitation);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.log(System.Logger.Level.WARNING, "a signup failed after taking invitation " + invitation.id()
                    + ", which could not be put back (" + e.getMessage() + "); make a new one");
        }
    }
}
