package io.couchgate.application.account;

import io.couchgate.application.password.PasswordNormalization;
import io.couchgate.application.port.in.SignUpClosedException;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.port.in.SignUpUseCase;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Creates accounts (architecture flow 3): a password with an unpaired surrogate is refused, a taken name is refused
 * before the (costly) strength estimate, then policy, NFKC, Argon2id, store; a conflict on create (a concurrent
 * signup of the same name) means the name is taken too. The name of a deleted account stays taken until
 * {@code couchgate.signup.name-quarantine} has passed since its deletion ({@link AppUserRepository#create(AppUser,
 * java.time.Instant)}), so that nobody inherits the documents it owns by re-using it.
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
    private final boolean signUpEnabled;
    private final Duration nameQuarantine;

    /**
     * @param users where accounts are kept
     * @param policy decides whether a password is acceptable
     * @param hasher hashes the password
     * @param clock gives the account's creation time
     * @param signUpEnabled {@code couchgate.signup.enabled}; false refuses every signup
     * @param nameQuarantine {@code couchgate.signup.name-quarantine}: how long after its account's deletion a name
     *                       stays taken; not negative
     * @throws IllegalArgumentException if {@code nameQuarantine} is negative
     */
    public SignUpService(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher, Clock clock,
                         boolean signUpEnabled, Duration nameQuarantine) {
        this.users = Objects.requireNonNull(users, "users");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signUpEnabled = signUpEnabled;
        this.nameQuarantine = Objects.requireNonNull(nameQuarantine, "nameQuarantine");
        if (nameQuarantine.isNegative()) {
            throw new IllegalArgumentException("nameQuarantine must not be negative, was " + nameQuarantine);
        }
    }

    @Override
    public Username signUp(SignUpCommand command) {
        if (!signUpEnabled) {
            throw new SignUpClosedException();
        }
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
            users.create(new AppUser(command.username(), hash, now), now.minus(nameQuarantine));
            return command.username();
        } finally {
            PasswordNormalization.wipe(password);
        }
    }
}
