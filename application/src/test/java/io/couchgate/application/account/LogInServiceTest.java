package io.couchgate.application.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.LogInCommand;
import io.couchgate.application.port.in.LogInResult;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.session.SessionCap;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.application.testing.CountingPasswordHasher;
import io.couchgate.application.testing.FailingWritesAppUserRepository;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.HashParameters;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.InMemoryTokenService;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogInServiceTest {

    private static final String PASSWORD = "violet-Kettle-47-orbit";
    private static final InstanceId INSTANCE = new InstanceId(UUID.fromString("0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10"));
    private static final Username ALICE = Username.of("alice");
    private static final Duration TTL = Duration.ofHours(8);

    private final CountingRandomSource random = new CountingRandomSource();
    private final FakeClock clock = new FakeClock();
    private final InMemoryAppUserRepository users = new InMemoryAppUserRepository();
    private final InMemorySessionUserDirectory directory = new InMemorySessionUserDirectory();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final InMemoryTokenService tokens = new InMemoryTokenService(clock, INSTANCE);
    private final RecordingSessionStreams streams = new RecordingSessionStreams();
    private final CountingPasswordHasher hasher = hasher(CheapHashing.PARAMETERS);
    private LogInService service;

    @BeforeEach
    void createAliceAndTheService() {
        users.create(new AppUser(ALICE, hasher.hash(PASSWORD.toCharArray()), clock.now()));
        service = service(hasher);
        hasher.reset();
    }

    @Test
    void login_createsTheSessionUser_keepsTheSession_andIssuesAToken() {
        LogInResult result = service.logIn(command("Alice", PASSWORD));

        Session session = store.find(result.sessionId()).orElseThrow();
        String expectedName = "users/" + INSTANCE + "/alice/" + result.sessionId().digest();
        assertThat(result.username()).isEqualTo(ALICE);
        assertThat(session.credentials().name()).isEqualTo(expectedName);
        assertThat(session.credentials().password()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(directory.createdNames()).containsExactly(expectedName);
        assertThat(session.issuedAt()).isEqualTo(FakeClock.DEFAULT_START);
        assertThat(session.expiresAt()).isEqualTo(FakeClock.DEFAULT_START.plus(TTL));
        assertThat(result.token().expiresAt()).isEqualTo(session.expiresAt());
        assertThat(tokens.verify(result.token().value())).contains(new TokenClaims(ALICE, result.sessionId(),
                INSTANCE, session.issuedAt(), session.expiresAt()));
        assertThat(hasher.verifies()).isEqualTo(1);
    }

    @Test
    void loginWithAOneTimePassword_keepsASessionThatRequiresAChange_withItsSessionUser() {
        AppUser alice = users.findByUsername(ALICE).orElseThrow();
        users.update(alice.withNewPassword(alice.passwordHash(), true));

        LogInResult result = service.logIn(command("alice", PASSWORD));

        assertThat(result.passwordChangeRequired()).isTrue();
        assertThat(store.find(result.sessionId()).map(Session::passwordChangeRequired)).contains(true);
        assertThat(directory.createdNames()).containsExactly(
                store.find(result.sessionId()).orElseThrow().credentials().name());
        assertThat(tokens.verify(result.token().value())).isPresent();
    }

    @Test
    void loginWithTheOwnersPassword_keepsAnOrdinarySession() {
        LogInResult result = service.logIn(command("alice", PASSWORD));

        assertThat(result.passwordChangeRequired()).isFalse();
        assertThat(store.find(result.sessionId()).map(Session::passwordChangeRequired)).contains(false);
    }

    @Test
    void wrongPassword_isInvalidCredentials_afterOneVerify_andOpensNothing() {
        assertThatThrownBy(() -> service.logIn(command("alice", "violet-Kettle-47-orbiT")))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid username or password");
        assertThat(hasher.verifies()).isEqualTo(1);
        assertNothingOpened();
    }

    @Test
    void unknownUser_isTheSameInvalidCredentials_afterOneVerifyToo() {
        assertThatThrownBy(() -> service.logIn(command("bob", PASSWORD)))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid username or password");
        assertThat(hasher.verifies()).isEqualTo(1);
        assertNothingOpened();
    }

    @Test
    void impossibleUsername_isTheSameInvalidCredentials_afterOneVerifyToo() {
        assertThatThrownBy(() -> service.logIn(command("_x", PASSWORD)))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid username or password");
        assertThat(hasher.verifies()).isEqualTo(1);
        assertNothingOpened();
    }

    @Test
    void passwordWithAnUnpairedSurrogate_isTheSameInvalidCredentials_afterOneDummyVerify_evenIfItWouldCollide() {
        // UTF-8 encoding turns a lone surrogate into '?': without the check this would match the stored password.
        users.create(new AppUser(Username.of("zed"), hasher.hash("zebra-quartz-?-lantern".toCharArray()), clock.now()));
        hasher.reset();

        for (String password : new String[] {"zebra-quartz-\ud800-lantern", "zebra-quartz-\udc00-lantern"}) {
            assertThatThrownBy(() -> service.logIn(command("zed", password)))
                    .isInstanceOf(InvalidCredentialsException.class)
                    .hasMessage("invalid username or password");
        }
        assertThat(hasher.verifies()).isEqualTo(2);
        assertThat(directory.createdNames()).isEmpty();
        assertThat(tokens.issuedCount()).isZero();
    }

    @Test
    void unknownUser_isVerifiedAgainstADummyHash_withTheConfiguredArgon2idParameters() {
        // Same cost as a real account's verification: a cheaper dummy would make unknown names detectable by timing.
        CountingPasswordHasher configured = hasher(CheapHashing.NEWER);
        LogInService newer = service(configured);

        for (String name : new String[] {"bob", "_x"}) {
            assertThatThrownBy(() -> newer.logIn(command(name, PASSWORD)))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        assertThatThrownBy(() -> newer.logIn(command("alice", "violet-\ud800-orbit")))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(configured.verifiedAgainst()).hasSize(3).allSatisfy(dummy -> {
            assertThat(dummy.parameters()).isEqualTo(CheapHashing.NEWER);
            assertThat(dummy.phc()).startsWith("$argon2id$v=19$m=128,t=1,p=1$");
        });
    }

    @Test
    void unknownUser_andWrongPassword_areVerifiedUnderTheSameParameters() {
        assertThatThrownBy(() -> service.logIn(command("bob", PASSWORD)))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> service.logIn(command("alice", "wrong-Kettle-47-orbit")))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(hasher.verifiedAgainst()).extracting(PasswordHash::parameters)
                .containsExactly(CheapHashing.PARAMETERS, CheapHashing.PARAMETERS);
    }

    @Test
    void rehashThatCannotBeStored_stillLogsIn_andKeepsTheOldHash() {
        FailingWritesAppUserRepository failing = new FailingWritesAppUserRepository(users);
        failing.failWrites(true);
        PasswordHash old = users.findByUsername(ALICE).orElseThrow().passwordHash();
        LogInService newer = new LogInService(failing, hasher(CheapHashing.NEWER), directory, store, tokens,
                new SessionPolicy(TTL), INSTANCE, clock, random,
                new SessionCap(directory, store, streams, clock, SessionCap.DEFAULT_MAX_PER_USER));

        LogInResult result = newer.logIn(command("alice", PASSWORD));

        assertThat(result.username()).isEqualTo(ALICE);
        assertThat(store.find(result.sessionId())).isPresent();
        assertThat(tokens.verify(result.token().value())).isPresent();
        assertThat(users.findByUsername(ALICE).orElseThrow().passwordHash()).isEqualTo(old);
        assertThat(users.updates()).isZero();
    }

    @Test
    void construction_makesTheDummyHashUnderTheCurrentParameters() {
        CountingPasswordHasher fresh = hasher(CheapHashing.NEWER);
        service(fresh);
        assertThat(fresh.hashes()).isEqualTo(1);
        assertThat(fresh.verifies()).isZero();
    }

    @Test
    void outdatedHash_isRemadeUnderCurrentParameters_andSavedOnce() {
        LogInService newer = service(hasher(CheapHashing.NEWER));

        newer.logIn(command("alice", PASSWORD));
        HashParameters stored = users.findByUsername(ALICE).orElseThrow().passwordHash().parameters();
        newer.logIn(command("alice", PASSWORD));

        assertThat(stored).isEqualTo(CheapHashing.NEWER);
        assertThat(users.updates()).isEqualTo(1);
        assertThat(hasher.verify(PASSWORD.toCharArray(), users.findByUsername(ALICE).orElseThrow().passwordHash()))
                .isTrue();
    }

    @Test
    void currentHash_isNotRewritten() {
        service.logIn(command("alice", PASSWORD));
        assertThat(users.updates()).isZero();
        assertThat(hasher.hashes()).isZero();
    }

    @Test
    void fiftyLogins_openFiftyDistinctSessions_ofWhichTheCapKeepsTwenty() {
        Set<String> ids = new HashSet<>();
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            LogInResult result = service.logIn(command("alice", PASSWORD));
            ids.add(result.sessionId().value());
            passwords.add(store.find(result.sessionId()).orElseThrow().credentials().password());
        }
        assertThat(ids).hasSize(50);
        assertThat(passwords).hasSize(50);
        assertThat(directory.createdNames()).hasSize(50);
        assertThat(directory.liveNames()).hasSize(SessionCap.DEFAULT_MAX_PER_USER);
        assertThat(store.findByUsername(ALICE)).hasSize(SessionCap.DEFAULT_MAX_PER_USER);
        assertThat(streams.ended()).hasSize(50 - SessionCap.DEFAULT_MAX_PER_USER);
    }

    @Test
    void twentyFirstLogin_endsTheOldestSessionOnly_itsUserItsRecordAndItsStreams() {
        List<Session> opened = logInTimes(SessionCap.DEFAULT_MAX_PER_USER);
        assertThat(streams.ended()).isEmpty();
        Session oldest = opened.get(0);

        LogInResult newest = service.logIn(command("alice", PASSWORD));

        assertThat(directory.deletedNames()).containsExactly(oldest.credentials().name());
        assertThat(store.find(oldest.id())).isEmpty();
        assertThat(streams.ended()).containsExactly(oldest.id());
        assertThat(store.findByUsername(ALICE)).hasSize(SessionCap.DEFAULT_MAX_PER_USER)
                .containsAll(opened.subList(1, opened.size()))
                .anyMatch(s -> s.id().equals(newest.sessionId()));
    }

    @Test
    void cap_countsEachUserApart() {
        users.create(new AppUser(Username.of("bob"), hasher.hash(PASSWORD.toCharArray()), clock.now()));
        LogInResult bobs = service.logIn(command("bob", PASSWORD));
        Session alicesOldest = logInTimes(SessionCap.DEFAULT_MAX_PER_USER + 1).get(0);

        assertThat(streams.ended()).containsExactly(alicesOldest.id());
        assertThat(store.find(bobs.sessionId())).isPresent();
    }

    @Test
    void cap_doesNotCountExpiredSessions_whichAreTheReapersToEnd() {
        logInTimes(SessionCap.DEFAULT_MAX_PER_USER);
        clock.advance(TTL);

        service.logIn(command("alice", PASSWORD));

        assertThat(directory.deletedNames()).isEmpty();
        assertThat(streams.ended()).isEmpty();
        assertThat(store.findByUsername(ALICE)).hasSize(SessionCap.DEFAULT_MAX_PER_USER + 1);
    }

    @Test
    void cap_thatCannotDeleteTheOldestUser_keepsIt_andStillLogsIn() {
        Session oldest = logInTimes(SessionCap.DEFAULT_MAX_PER_USER).get(0);
        directory.failDeletesOf(oldest.id());

        LogInResult newest = service.logIn(command("alice", PASSWORD));

        assertThat(store.find(newest.sessionId())).isPresent();
        assertThat(store.find(oldest.id())).contains(oldest);
        assertThat(streams.ended()).isEmpty();
    }

    @Test
    void capOfOne_keepsOnlyTheNewestSession() {
        LogInService single = service(hasher, 1);
        LogInResult first = single.logIn(command("alice", PASSWORD));
        clock.advance(Duration.ofSeconds(1));

        LogInResult second = single.logIn(command("alice", PASSWORD));

        assertThat(store.findByUsername(ALICE)).extracting(Session::id).containsExactly(second.sessionId());
        assertThat(streams.ended()).containsExactly(first.sessionId());
    }

    /** Logs alice in {@code times} times, one second apart; returns the sessions, oldest first. */
    private List<Session> logInTimes(int times) {
        List<Session> opened = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            opened.add(store.find(service.logIn(command("alice", PASSWORD)).sessionId()).orElseThrow());
            clock.advance(Duration.ofSeconds(1));
        }
        return opened;
    }

    @Test
    void failingSessionUserCreation_keepsNoSession_andIssuesNoToken() {
        directory.failNextCreate(new CouchDbException("PUT /_users/... answered 500"));
        assertThatThrownBy(() -> service.logIn(command("alice", PASSWORD)))
                .isInstanceOf(CouchDbException.class)
                .hasMessage("PUT /_users/... answered 500");
        assertThat(store.findByUsername(ALICE)).isEmpty();
        assertThat(tokens.issuedCount()).isZero();
    }

    @Test
    void passwordTypedInFullwidth_matchesItsAsciiForm() {
        LogInResult result = service.logIn(command("ａｌｉｃｅ", "ｖｉｏｌｅｔ-Ｋｅｔｔｌｅ-47-ｏｒｂｉｔ"));
        assertThat(result.username()).isEqualTo(ALICE);
    }

    private void assertNothingOpened() {
        assertThat(directory.createdNames()).isEmpty();
        assertThat(store.findByUsername(ALICE)).isEmpty();
        assertThat(tokens.issuedCount()).isZero();
    }

    private LogInService service(CountingPasswordHasher withHasher) {
        return service(withHasher, SessionCap.DEFAULT_MAX_PER_USER);
    }

    private LogInService service(CountingPasswordHasher withHasher, int maxSessionsPerUser) {
        return new LogInService(users, withHasher, directory, store, tokens, new SessionPolicy(TTL), INSTANCE, clock,
                random, new SessionCap(directory, store, streams, clock, maxSessionsPerUser));
    }

    private CountingPasswordHasher hasher(HashParameters parameters) {
        return new CountingPasswordHasher(new Argon2idPasswordHasher(random, parameters));
    }

    private static LogInCommand command(String username, String password) {
        return new LogInCommand(username, password.toCharArray());
    }
}
