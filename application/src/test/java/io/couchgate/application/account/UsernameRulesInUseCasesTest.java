package io.couchgate.application.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.LogInCommand;
import io.couchgate.application.port.in.LogInResult;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.session.SessionCap;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.InvalidUsernameException;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.InMemoryTokenService;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 8265 username rules as signup and login apply them: reserved names at signup only, old names kept. */
class UsernameRulesInUseCasesTest {

    private static final String PASSWORD = "violet-Kettle-47-orbit";
    private static final InstanceId INSTANCE = new InstanceId(UUID.fromString("0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10"));

    private final CountingRandomSource random = new CountingRandomSource();
    private final FakeClock clock = new FakeClock();
    private final InMemoryAppUserRepository users = new InMemoryAppUserRepository();
    private final InMemorySessionUserDirectory directory = new InMemorySessionUserDirectory();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(random, CheapHashing.PARAMETERS);
    private final SignUpService signUp = new SignUpService(users, SignUpServiceTest.POLICY, hasher, clock, true,
            Duration.ofDays(30));
    private final LogInService logIn = new LogInService(users, hasher, directory, store,
            new InMemoryTokenService(clock, INSTANCE), new SessionPolicy(Duration.ofHours(8)), INSTANCE, clock,
            random, new SessionCap(directory, store, new RecordingSessionStreams(), clock,
                    SessionCap.DEFAULT_MAX_PER_USER));

    @Test
    void unicodeName_signsUpMapped_andLogsInUnderAnySpellingThatMapsAlike() {
        Username created = signUp.signUp(signUpCommand("Jürgen"));

        assertThat(created.value()).isEqualTo("jürgen");
        assertThat(users.findByUsername(new Username("jürgen"))).isPresent();
        for (String typed : new String[] {"jürgen", "JÜRGEN", "Ju\u0308rgen", "ＪÜＲＧＥＮ"}) {
            LogInResult result = logIn.logIn(new LogInCommand(typed, PASSWORD.toCharArray()));
            assertThat(result.username().value()).isEqualTo("jürgen");
            assertThat(store.find(result.sessionId()).orElseThrow().credentials().name())
                    .isEqualTo("users/" + INSTANCE + "/jürgen/" + result.sessionId().digest());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "Administrator", "root", "couchgate", "couchgate-admin-x", "adrnin"})
    void reservedName_isRefusedAtSignup_withNothingStored(String typed) {
        assertThatThrownBy(() -> signUp.signUp(signUpCommand(typed)))
                .isInstanceOf(InvalidUsernameException.class)
                .hasMessageStartingWith("the name " + Username.of(typed) + " is reserved");
        assertThat(users.findByUsername(Username.of(typed))).isEmpty();
    }

    @Test
    void existingAccountWithAReservedName_stillLogsIn() {
        users.create(new AppUser(new Username("admin"), hasher.hash(PASSWORD.toCharArray()), clock.now()));

        assertThat(logIn.logIn(new LogInCommand("Admin", PASSWORD.toCharArray())).username().value())
                .isEqualTo("admin");
    }

    @Test
    void accountMadeAsLigatureFile_logsInAsFile_andAsTheLigatureAsBefore_butTheLigatureCannotSignUpAnymore() {
        // Signed up under the old rules as "ﬁle": NFKC stored it as "file".
        users.create(new AppUser(new Username("file"), hasher.hash(PASSWORD.toCharArray()), clock.now()));

        assertThat(logIn.logIn(new LogInCommand("file", PASSWORD.toCharArray())).username().value())
                .isEqualTo("file");
        assertThat(logIn.logIn(new LogInCommand("ﬁle", PASSWORD.toCharArray())).username().value())
                .isEqualTo("file");
        assertThatThrownBy(() -> Username.of("ﬁle")).isInstanceOf(InvalidUsernameException.class)
                .hasMessage("usernames may not contain 'ﬁ' (U+FB01), a compatibility form: type 'fi' instead");
    }

    @Test
    void confusableName_isAnUnknownUserAtLogin_notAnotherAccount() {
        users.create(new AppUser(new Username("paypal"), hasher.hash(PASSWORD.toCharArray()), clock.now()));

        assertThatThrownBy(() -> logIn.logIn(new LogInCommand("p\u0430ypal", PASSWORD.toCharArray())))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(store.findByUsername(new Username("paypal"))).isEmpty();
    }

    private static SignUpCommand signUpCommand(String typed) {
        return new SignUpCommand(Username.of(typed), PASSWORD.toCharArray());
    }
}
