package io.couchgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.application.port.in.NoSuchUserException;
import io.couchgate.application.port.in.ResetPasswordCommand;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.session.UserSessions;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminAccountsServiceTest {

    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");
    private static final String OLD = "violet-Kettle-47-orbit";

    private final InMemoryAppUserRepository users = new InMemoryAppUserRepository();
    private final InMemorySessionUserDirectory directory = new InMemorySessionUserDirectory();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingSessionStreams streams = new RecordingSessionStreams();
    private final FakeClock clock = new FakeClock();
    private final Argon2idPasswordHasher hasher =
            new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.PARAMETERS);
    private final AdminAccountsService service = new AdminAccountsService(users, users,
            new NbvcxzPasswordPolicy(PasswordPolicyConfig.DEFAULT), hasher, new UserSessions(directory, store, streams),
            directory, new CountingRandomSource(), clock);

    @BeforeEach
    void accounts() {
        users.create(new AppUser(BOB, hasher.hash(OLD.toCharArray()), clock.now()));
        users.create(new AppUser(ALICE, hasher.hash(OLD.toCharArray()), clock.now()));
    }

    @Test
    void listUsers_isByName_andFindUser_findsOne() {
        assertThat(service.listUsers()).extracting(AppUser::username).containsExactly(ALICE, BOB);
        assertThat(service.findUser(ALICE)).isPresent();
        assertThat(service.findUser(Username.of("carol"))).isEmpty();
    }

    @Test
    void endSessions_endsStoredSessions_andSessionUsersOfOtherInstances_ofThatUserOnly() {
        Session stored = open(ALICE, InstanceId.random(), true);
        Session elsewhere = open(ALICE, InstanceId.random(), false); // a memory-mode server's: only its CouchDB user
        Session bobs = open(BOB, InstanceId.random(), false);

        assertThat(service.endSessions(ALICE)).isEqualTo(2);

        assertThat(directory.liveNames()).containsExactly(bobs.credentials().name());
        assertThat(store.find(stored.id())).isEmpty();
        assertThat(streams.ended()).containsExactly(stored.id());
        assertThat(directory.deletedNames()).contains(elsewhere.credentials().name());
    }

    @Test
    void endSessions_ofNoSuchUser_fails() {
        assertThatThrownBy(() -> service.endSessions(Username.of("carol")))
                .isInstanceOf(NoSuchUserException.class).hasMessage("no such user: carol");
    }

    @Test
    void resetPassword_random_givesA144BitPassword_thatHolds_andEndsTheSessions() {
        open(ALICE, InstanceId.random(), false);

        char[] password = service.resetPassword(new ResetPasswordCommand(ALICE, Optional.empty()));

        assertThat(new String(password)).matches("[A-Za-z0-9_-]{24}");
        AppUser alice = users.findByUsername(ALICE).orElseThrow();
        assertThat(hasher.verify(password, alice.passwordHash())).isTrue();
        assertThat(hasher.verify(OLD.toCharArray(), alice.passwordHash())).isFalse();
        assertThat(directory.liveNames()).isEmpty();
        assertThat(alice.passwordChangeRequired()).isTrue();
    }

    @Test
    void resetPassword_given_isOneTimeByDefault_andAnOrdinaryPasswordWhenAskedSo() {
        char[] given = "mango-Piano-83-lantern".toCharArray();
        service.resetPassword(new ResetPasswordCommand(ALICE, Optional.of(given)));
        assertThat(users.findByUsername(ALICE).orElseThrow().passwordChangeRequired()).isTrue();

        service.resetPassword(new ResetPasswordCommand(ALICE, Optional.of(given), false));
        AppUser alice = users.findByUsername(ALICE).orElseThrow();
        assertThat(alice.passwordChangeRequired()).isFalse();
        assertThat(hasher.verify(given, alice.passwordHash())).isTrue();
    }

    @Test
    void resetPassword_given_followsThePolicy_andAWeakOneChangesNothing() {
        Session session = open(ALICE, InstanceId.random(), true);
        AppUser before = users.findByUsername(ALICE).orElseThrow();

        assertThatThrownBy(() -> service.resetPassword(
                new ResetPasswordCommand(ALICE, Optional.of("password1234".toCharArray()))))
                .isInstanceOf(WeakPasswordException.class);
        assertThat(users.findByUsername(ALICE)).contains(before);
        assertThat(store.find(session.id())).isPresent();

        service.resetPassword(new ResetPasswordCommand(ALICE, Optional.of("mango-Piano-83-lantern".toCharArray())));
        assertThat(hasher.verify("mango-Piano-83-lantern".toCharArray(),
                users.findByUsername(ALICE).orElseThrow().passwordHash())).isTrue();
        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void removeAccount_endsTheSessions_andQuarantinesTheName() {
        open(ALICE, InstanceId.random(), true);

        service.removeAccount(ALICE);

        assertThat(users.findByUsername(ALICE)).isEmpty();
        assertThat(users.deletedAt(ALICE)).contains(FakeClock.DEFAULT_START);
        assertThat(directory.liveNames()).isEmpty();
        assertThatThrownBy(() -> users.create(new AppUser(ALICE, hasher.hash(OLD.toCharArray()), clock.now()),
                clock.now().minus(Duration.ofDays(30)))).isInstanceOf(UsernameTakenException.class);
        assertThatThrownBy(() -> service.removeAccount(ALICE)).isInstanceOf(NoSuchUserException.class);
    }

    private Session open(Username username, InstanceId instance, boolean inStore) {
        Session session = ContractSessions.session(instance, username, clock.now(), clock.now().plus(Duration.ofDays(1)));
        directory.create(session);
        if (inStore) {
            store.put(session);
        }
        return session;
    }
}
