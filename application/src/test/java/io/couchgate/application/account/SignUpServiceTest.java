package io.couchgate.application.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.application.port.in.SignUpClosedException;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.application.testing.CountingPasswordHasher;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.PasswordPolicy;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignUpServiceTest {

    static final NbvcxzPasswordPolicy POLICY = new NbvcxzPasswordPolicy(PasswordPolicyConfig.DEFAULT);
    private static final String STRONG = "violet-Kettle-47-orbit";
    private static final Duration QUARANTINE = Duration.ofDays(30);

    private final InMemoryAppUserRepository users = new InMemoryAppUserRepository();
    private final FakeClock clock = new FakeClock();
    private final Argon2idPasswordHasher argon2 =
            new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.PARAMETERS);
    private final CountingPasswordHasher hasher = new CountingPasswordHasher(argon2);

    @Test
    void signUp_storesTheAccountWithAnArgon2idHashAndTheCurrentTime() {
        Username created = service(true).signUp(command("Alice", STRONG));

        assertThat(created).isEqualTo(Username.of("alice"));
        AppUser stored = users.findByUsername(Username.of("alice")).orElseThrow();
        assertThat(stored.createdAt()).isEqualTo(FakeClock.DEFAULT_START);
        assertThat(stored.passwordHash().parameters()).isEqualTo(CheapHashing.PARAMETERS);
        assertThat(argon2.verify(STRONG.toCharArray(), stored.passwordHash())).isTrue();
    }

    @Test
    void signUp_hashesTheNfkcFormOfThePassword() {
        service(true).signUp(command("alice", "ｖｉｏｌｅｔ-Ｋｅｔｔｌｅ-47-ｏｒｂｉｔ"));
        AppUser stored = users.findByUsername(Username.of("alice")).orElseThrow();
        assertThat(argon2.verify(STRONG.toCharArray(), stored.passwordHash())).isTrue();
    }

    @Test
    void aNameThatNormalisesToATakenOne_isTaken_andTheFirstAccountIsKept() {
        SignUpService service = service(true);
        service.signUp(command("alice", STRONG));
        AppUser first = users.findByUsername(Username.of("alice")).orElseThrow();

        assertThatThrownBy(() -> service.signUp(command("Alice", "mango-Piano-83-lantern")))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("username is taken: alice");
        assertThat(users.findByUsername(Username.of("alice"))).contains(first);
        assertThat(users.size()).isEqualTo(1);
    }

    @Test
    void weakPassword_isRefused_beforeAnyHashing() {
        assertThatThrownBy(() -> service(true).signUp(command("alice", "password1234")))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password is too easy to guess: This is a top-10 common password.");
        assertThat(hasher.hashes()).isZero();
        assertThat(users.size()).isZero();
    }

    @Test
    void closedSignup_refusesEveryone_beforeCheckingAnything() {
        assertThatThrownBy(() -> service(false).signUp(command("alice", "password1234")))
                .isInstanceOf(SignUpClosedException.class)
                .hasMessage("signup is closed on this server");
        assertThat(hasher.hashes()).isZero();
        assertThat(users.size()).isZero();
    }

    @Test
    void signUp_leavesTheCallersPasswordForTheCallerToWipe() {
        char[] password = STRONG.toCharArray();
        service(true).signUp(new SignUpCommand(Username.of("alice"), password));
        assertThat(password).containsExactly(STRONG.toCharArray());
    }

    @Test
    void passwordWithAnUnpairedSurrogate_isRefusedAsWeak_beforeAnyHashing() {
        for (String password : new String[] {"zebra-quartz-\ud800-lantern", "zebra-quartz-\udc00-lantern"}) {
            assertThatThrownBy(() -> service(true).signUp(command("alice", password)))
                    .isInstanceOf(WeakPasswordException.class)
                    .hasMessage(SignUpService.UNPAIRED_SURROGATE);
        }
        assertThat(hasher.hashes()).isZero();
        assertThat(users.size()).isZero();
    }

    @Test
    void takenUsername_isRefused_beforeTheStrengthEstimateAndHashing() {
        service(true).signUp(command("alice", STRONG));
        int hashesBefore = hasher.hashes();
        PasswordPolicy failIfAsked = (password, username) -> {
            throw new AssertionError("policy consulted for a taken name");
        };

        assertThatThrownBy(() -> new SignUpService(users, failIfAsked, hasher, clock, true, QUARANTINE)
                .signUp(command("Alice", "password1234")))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("username is taken: alice");
        assertThat(hasher.hashes()).isEqualTo(hashesBefore);
    }

    @Test
    void deletedAccountsName_isTaken_untilTheQuarantineHasPassed_thenFree() {
        SignUpService service = service(true);
        service.signUp(command("alice", STRONG));
        AppUser deleted = users.findByUsername(Username.of("alice")).orElseThrow();
        users.delete(deleted, clock.now());

        clock.advance(QUARANTINE);
        assertThatThrownBy(() -> service.signUp(command("alice", "mango-Piano-83-lantern")))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("username is taken: alice");
        assertThat(users.findByUsername(Username.of("alice"))).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(service.signUp(command("alice", "mango-Piano-83-lantern"))).isEqualTo(Username.of("alice"));
        AppUser again = users.findByUsername(Username.of("alice")).orElseThrow();
        assertThat(again.createdAt()).isEqualTo(FakeClock.DEFAULT_START.plus(QUARANTINE).plusMillis(1));
        assertThat(argon2.verify("mango-Piano-83-lantern".toCharArray(), again.passwordHash())).isTrue();
    }

    @Test
    void negativeQuarantine_isRefused() {
        assertThatThrownBy(() -> new SignUpService(users, POLICY, hasher, clock, true, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nameQuarantine must not be negative, was PT-24H");
    }

    private SignUpService service(boolean enabled) {
        return new SignUpService(users, POLICY, hasher, clock, enabled, QUARANTINE);
    }

    private static SignUpCommand command(String username, String password) {
        return new SignUpCommand(Username.of(username), password.toCharArray());
    }
}
