package io.couchgate.application.account;

import io.couchgate.application.port.in.DeleteAccountCommand;
import io.couchgate.application.port.in.DeleteAccountUseCase;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.session.UserSessions;
import io.couchgate.domain.AccountChangedException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.RandomSource;
import java.util.Objects;

/**
 * Deletes a logged-in user's account. Every call verifies the password first (one Argon2id run, see
 * {@link AccountPasswords}). The user's documents in the app databases are not touched: they keep their
 * {@code owner}, and the deletion mark keeps the name from being signed up again during the quarantine
 * ({@link SignUpService}), so nobody inherits them by re-using it.
 *
 * <p>The order of the writes, so that a failure part-way (CouchDB down or slow) leaves a consistent state:
 * <ol>
 *   <li>every session of the user ends (CouchDB users, records, open streams); if any cannot, the call fails and
 *       the account is kept, merely logged out: a retry (after a new login) does the rest;</li>
 *   <li>the account is replaced by its deletion mark, only if its hash is still the one verified (else 401); if
 *       that fails, the account is kept, logged out everywhere;</li>
 *   <li>the user's sessions end once more, catching any that a login opened between steps 1 and 2; the account is
 *       gone by then, so a failure here is logged, not answered (such a session ends at its expiry or logout,
 *       and no new one can be opened).</li>
 * </ol>
 * Never the other way round: a deleted account whose sessions lived on could still write as that user.
 */
public final class DeleteAccountService implements DeleteAccountUseCase {

    private static final System.Logger LOG = System.getLogger(DeleteAccountService.class.getName());

    private final AppUserRepository users;
    private final UserSessions sessions;
    private final Clock clock;
    private final AccountPasswords passwords;

    /**
     * Hashes a random dummy password once (one Argon2id run).
     *
     * @param users where accounts are kept
     * @param hasher verifies the password (the bounded hasher of login and signup)
     * @param sessions ends the user's sessions
     * @param clock gives the deletion time, from which the name's quarantine runs
     * @param random source of the dummy password
     */
    public DeleteAccountService(AppUserRepository users, PasswordHasher hasher, UserSessions sessions, Clock clock,
                                RandomSource random) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.passwords = new AccountPasswords(users, hasher, random);
    }

    @Override
    public void deleteAccount(DeleteAccountCommand command) {
        AppUser user = passwords.verify(command.username(), command.password());
        sessions.endAll(user.username());
        try {
            users.delete(user, clock.now());
        } catch (AccountChangedException e) {
            throw new InvalidCredentialsException();
        }
        try {
            sessions.endAll(user.username());
        } catch (CouchDbException e) {
            LOG.log(System.Logger.Level.WARNING, "account " + user.username() + " deleted, but a session opened "
                    + "meanwhile could not be ended: " + e.getMessage());
        }
    }
}
