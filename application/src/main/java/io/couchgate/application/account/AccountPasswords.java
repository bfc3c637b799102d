package io.couchgate.application.account;

import io.couchgate.application.password.PasswordNormalization;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.RandomSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-verifies a logged-in user's password for an account operation, as a login verifies it: exactly one Argon2id
 * run whatever the outcome (a vanished account or a password with an unpaired surrogate is checked against a dummy
 * hash made at construction), so a wrong password costs the same time as every other failure.
 */
final class AccountPasswords {

    private final AppUserRepository users;
    private final PasswordHasher hasher;
    private final PasswordHash dummyHash;

    /** Hashes a random dummy password once (one Argon2id run). */
    AccountPasswords(AppUserRepository users, PasswordHasher hasher, RandomSource random) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        char[] dummy = random.base64Url(LogInService.SESSION_PASSWORD_BYTES).toCharArray();
        this.dummyHash = hasher.hash(dummy);
        PasswordNormalization.wipe(dummy);
    }

    /**
     * @param username the session's user
     * @param typed the password as typed; not wiped here
     * @return the account as read, whose hash {@code typed} matches
     * @throws InvalidCredentialsException if the account is gone or the password is wrong
     */
    AppUser verify(Username username, char[] typed) {
        Optional<AppUser> found = PasswordNormalization.hasUnpairedSurrogate(typed) ? Optional.empty()
                : users.findByUsername(username);
        char[] password = PasswordNormalization.nfkc(typed);
        try {
            boolean verified = hasher.verify(password, found.map(AppUser::passwordHash).orElse(dummyHash));
            if (found.isEmpty() || !verified) {
                throw new InvalidCredentialsException();
            }
            return found.get();
        } finally {
            PasswordNormalization.wipe(password);
        }
    }
}
