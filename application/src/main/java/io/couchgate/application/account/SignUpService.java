package io.couchgate.application.account;

import io.couchgate.application.password.PasswordNormalization;
import io.couchgate.application.port.in.SignUpClosedException;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.port.in.SignUpUseCase;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import java.util.Objects;

/** Creates accounts (architecture flow 3): policy, NFKC, Argon2id, store; a conflict means the name is taken. */
public final class SignUpService implements SignUpUseCase {

    private final AppUserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final boolean signUpEnabled;

    /**
     * @param users where accounts are kept
     * @param policy decides whether a password is acceptable
     * @param hasher hashes the password
     * @param clock gives the account's creation time
     * @param signUpEnabled {@code couchgate.signup.enabled}; false refuses every signup
     */
    public SignUpService(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher, Clock clock,
                         boolean signUpEnabled) {
        this.users = Objects.requireNonNull(users, "users");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signUpEnabled = signUpEnabled;
    }

    @Override
    public Username signUp(SignUpCommand command) {
        if (!signUpEnabled) {
            throw new SignUpClosedException();
        }
        char[] password = PasswordNormalization.nfkc(command.password());
        try {
            policy.requireAcceptable(password, command.username());
            PasswordHash hash = hasher.hash(password);
            users.create(new AppUser(command.username(), hash, clock.now()));
            return command.username();
        } finally {
            PasswordNormalization.wipe(password);
        }
    }
}
