package io.couchgate.application.account;

import io.couchgate.application.password.PasswordNormalization;
import io.couchgate.application.port.in.ChangePasswordCommand;
import io.couchgate.application.port.in.ChangePasswordUseCase;
import io.couchgate.application.session.UserSessions;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import io.couchgate.domain.port.RandomSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Changes a logged-in user's password. Every call verifies the current password first (one Argon2id run, see
 * {@link AccountPasswords}); only then are the new password's policy and hash looked at.
 *
 * <p>The order of the writes, so that a failure part-way (CouchDB down or slow) leaves a consistent state:
 * <ol>
 *   <li>the user's other sessions end (CouchDB users, records, open streams); if any cannot, the call fails and the
 *       old password still holds, with fewer sessions open: a retry does the rest;</li>
 *   <li>the new hash is stored; if that fails, the old password still holds and the other sessions have ended,
 *       which is what a retry would do anyway;</li>
 *   <li>the other sessions end once more, catching any that a login with the old password opened between steps 1
 *       and 2; the change has been made by then, so a failure here is logged, not answered (such a session still
 *       ends at logout, the session cap or its expiry).</li>
 * </ol>
 * Ending the sessions before the hash changes means that a failure never leaves the new password in force while a
 * session opened with the old one (perhaps by whoever learnt it) lives on.
 *
 * <p>The new hash is stored without the account's "password change required" mark. When the calling session was
 * opened with a one-time password ({@link ChangePasswordCommand#replacesOneTime()}), it ends in steps 1 and 3 as
 * well (it can do nothing else, and it was opened with a password the administrator knows). The new password must
 * differ from the current one (the one-time one, for such a session): a "change" to the same password is refused
 * as weak, changing nothing and ending no session.
 */
public final class ChangePasswordService implements ChangePasswordUseCase {

    /** The weak-password reason when the new password is the one-time password it replaces. */
    public static final String SAME_AS_ONE_TIME = "newPassword must differ from the one-time password";
    /** The weak-password reason when an ordinary change's new password is the current one (nothing would change). */
    public static final String SAME_AS_CURRENT = "newPassword must differ from the current password";

    private static final System.Logger LOG = System.getLogger(ChangePasswordService.class.getName());

    private final AppUserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final UserSessions sessions;
    private final AccountPasswords passwords;

    /**
     * Hashes a random dummy password once (one Argon2id run).
     *
     * @param users where accounts are kept
     * @param policy decides whether the new password is acceptable
     * @param hasher verifies the current password and hashes the new one (the bounded hasher of login and signup)
     * @param sessions ends the user's other sessions
     * @param random source of the dummy password
     */
    public ChangePasswordService(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher,
                                 UserSessions sessions, RandomSource random) {
        this.users = Objects.requireNonNull(users, "users");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.passwords = new AccountPasswords(users, hasher, random);
    }

    @Override
    public void changePassword(ChangePasswordCommand command) {
        AppUser user = passwords.verify(command.username(), command.currentPassword());
        if (sameText(command.currentPassword(), command.newPassword())) {
            throw new WeakPasswordException(command.replacesOneTime() ? SAME_AS_ONE_TIME : SAME_AS_CURRENT, List.of());
        }
        PasswordHash hash = newHash(user, command.newPassword());
        endSessions(command);
        users.update(user.withNewPassword(hash, false));
        try {
            endSessions(command);
        } catch (CouchDbException e) {
            LOG.log(System.Logger.Level.WARNING, "password of " + user.username() + " changed, but a session "
                    + "opened meanwhile could not be ended: " + e.getMessage());
        }
    }

    private void endSessions(ChangePasswordCommand command) {
        if (command.replacesOneTime()) {
            sessions.endAll(command.username());
        } else {
            sessions.endAllBut(command.username(), command.keep());
        }
    }

    private static boolean sameText(char[] current, char[] fresh) {
        char[] a = PasswordNormalization.nfkc(current);
        char[] b = PasswordNormalization.nfkc(fresh);
        try {
            return Arrays.equals(a, b);
        } finally {
            PasswordNormalization.wipe(a);
            PasswordNormalization.wipe(b);
        }
    }

    private PasswordHash newHash(AppUser user, char[] typed) {
        if (PasswordNormalization.hasUnpairedSurrogate(typed)) {
            throw new WeakPasswordException(SignUpService.UNPAIRED_SURROGATE, List.of());
        }
        char[] password = PasswordNormalization.nfkc(typed);
        try {
            policy.requireAcceptable(password, user.username());
            return hasher.hash(password);
        } finally {
            PasswordNormalization.wipe(password);
        }
    }
}
