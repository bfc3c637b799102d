package io.couchgate.application.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.LogInCommand;
import io.couchgate.application.port.in.LogInResult;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.application.testing.CountingPasswordHasher;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.HashParameters;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.InMemoryTokenService;
import java.time.Duration;
import java.util.HashSet;
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
        String expectedName = "users/" + INSTANCE + "/alice/" + result.sessionId().value();
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
    void fiftyLogins_openFiftyDistinctSessions() {
        Set<String> ids = new HashSet<>();
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            LogInResult result = service.logIn(command("alice", PASSWORD));
            ids.add(result.sessionId().value());
            passwords.add(store.find(result.sessionId()).orElseThrow().credentials().password());
        }
        assertThat(ids).hasSize(50);
        assertThat(passwords).hasSize(50);
        assertThat(directory.liveNames()).hasSize(50);
        assertThat(store.findByUsername(ALICE)).hasSize(50);
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
        return new LogInService(users, withHasher, directory, store, tokens, new SessionPolicy(TTL), INSTANCE, clock,
                random);
    }

    private CountingPasswordHasher hasher(HashParameters parameters) {
        return new CountingPasswordHasher(new Argon2idPasswordHasher(random, parameters));
    }

    private static LogInCommand command(String username, String password) {
        return new LogInCommand(username, password.toCharArray());
    }
}
