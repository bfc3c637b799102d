package io.couchgate.application.account;

import static io.couchgate.application.account.AccountFixture.ALICE;
import static io.couchgate.application.account.AccountFixture.BOB;
import static io.couchgate.application.account.AccountFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.application.port.in.ChangePasswordCommand;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangePasswordServiceTest {

    private static final String NEW = "mango-Piano-83-lantern";

    private final AccountFixture fixture = new AccountFixture();
    private ChangePasswordService service;
    private Session calling;
    private Session other;
    private Session bobs;

    @BeforeEach
    void openSessions() {
        service = new ChangePasswordService(fixture.users, new NbvcxzPasswordPolicy(PasswordPolicyConfig.DEFAULT),
                fixture.hasher, fixture.sessions, fixture.random);
        calling = fixture.open(ALICE);
        other = fixture.open(ALICE);
        bobs = fixture.open(BOB);
        fixture.hasher.reset();
    }

    @Test
    void change_storesTheNewHash_endsTheOtherSessions_andKeepsTheCallingOne() {
        service.changePassword(command(ALICE, calling.id(), PASSWORD, NEW));

        assertThat(fixture.passwordIs(ALICE, NEW)).isTrue();
        assertThat(fixture.passwordIs(ALICE, PASSWORD)).isFalse();
        assertThat(fixture.sessionIdsOf(ALICE)).containsExactly(calling.id().value());
        assertThat(fixture.directory.liveNames()).containsExactlyInAnyOrder(calling.credentials().name(),
                bobs.credentials().name());
        assertThat(fixture.streams.ended()).containsExactly(other.id());
        assertThat(fixture.sessionIdsOf(BOB)).containsExactly(bobs.id().value());
        assertThat(fixture.hasher.verifies()).isEqualTo(1);
        assertThat(fixture.hasher.hashes()).isEqualTo(1);
    }

    @Test
    void changeFromAOneTimeSession_clearsTheMark_andEndsEverySessionOfTheUser_theCallingOneToo() {
        markOneTime();

        service.changePassword(new ChangePasswordCommand(ALICE, calling.id(), PASSWORD.toCharArray(),
                NEW.toCharArray(), true));

        AppUser alice = fixture.stored.findByUsername(ALICE).orElseThrow();
        assertThat(alice.passwordChangeRequired()).isFalse();
        assertThat(fixture.passwordIs(ALICE, NEW)).isTrue();
        assertThat(fixture.sessionIdsOf(ALICE)).isEmpty();
        assertThat(fixture.streams.ended()).containsExactlyInAnyOrder(calling.id(), other.id());
        assertThat(fixture.sessionIdsOf(BOB)).containsExactly(bobs.id().value());
    }

    @Test
    void changeFromAOneTimeSession_toTheSamePassword_isWeak_andChangesNothing() {
        markOneTime();

        assertThatThrownBy(() -> service.changePassword(new ChangePasswordCommand(ALICE, calling.id(),
                PASSWORD.toCharArray(), PASSWORD.toCharArray(), true)))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage(ChangePasswordService.SAME_AS_ONE_TIME);
        assertThat(fixture.stored.findByUsername(ALICE).orElseThrow().passwordChangeRequired()).isTrue();
        assertThat(fixture.sessionIdsOf(ALICE)).hasSize(2);
    }

    @Test
    void ordinaryChange_toTheCurrentPassword_isWeak_andChangesNothing() {
        String hashBefore = fixture.stored.findByUsername(ALICE).orElseThrow().passwordHash().phc();

        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), PASSWORD, PASSWORD)))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage(ChangePasswordService.SAME_AS_CURRENT);
        assertThat(fixture.stored.findByUsername(ALICE).orElseThrow().passwordHash().phc())
                .isEqualTo(hashBefore);
        assertThat(fixture.sessionIdsOf(ALICE)).hasSize(2);
        assertThat(fixture.hasher.hashes()).isZero();
    }

    @Test
    void ordinaryChange_ofAMarkedAccount_clearsTheMarkToo() {
        markOneTime();
        service.changePassword(command(ALICE, calling.id(), PASSWORD, NEW));
        assertThat(fixture.stored.findByUsername(ALICE).orElseThrow().passwordChangeRequired()).isFalse();
        assertThat(fixture.sessionIdsOf(ALICE)).containsExactly(calling.id().value());
    }

    private void markOneTime() {
        AppUser alice = fixture.stored.findByUsername(ALICE).orElseThrow();
        fixture.stored.update(alice.withNewPassword(alice.passwordHash(), true));
    }

    @Test
    void newPassword_isHashedInItsNfkcForm() {
        String fullWidth = "ｍａｎｇｏ-Ｐｉａｎｏ-83-ｌａｎｔｅｒｎ";
        service.changePassword(command(ALICE, calling.id(), PASSWORD, fullWidth));
        assertThat(fixture.passwordIs(ALICE, NEW)).isTrue();
    }

    @Test
    void wrongCurrentPassword_isInvalidCredentials_afterOneVerify_andChangesNothing() {
        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), "violet-Kettle-47-orbiT", NEW)))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid username or password");
        assertThat(fixture.hasher.verifies()).isEqualTo(1);
        assertUnchanged();
    }

    @Test
    void vanishedAccount_isTheSameInvalidCredentials_afterOneDummyVerify() {
        fixture.stored.delete(fixture.stored.findByUsername(ALICE).orElseThrow(), fixture.clock.now());

        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), PASSWORD, NEW)))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(fixture.hasher.verifies()).isEqualTo(1);
        assertThat(fixture.hasher.hashes()).isZero();
        assertThat(fixture.sessionIdsOf(ALICE)).hasSize(2);
    }

    @Test
    void currentPasswordWithAnUnpairedSurrogate_isInvalidCredentials_afterOneDummyVerify() {
        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), "violet-\ud800-Kettle", NEW)))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(fixture.hasher.verifies()).isEqualTo(1);
        assertUnchanged();
    }

    @Test
    void weakNewPassword_isRefusedWithTheRule_afterTheOneVerify_andChangesNothing() {
        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), PASSWORD, "short-1")))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password must be at least 12 characters");
        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), PASSWORD, "password1234")))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password is too easy to guess: This is a top-10 common password.");
        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), PASSWORD, "mango-\udc00-lantern")))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage(SignUpService.UNPAIRED_SURROGATE);
        assertThat(fixture.hasher.verifies()).isEqualTo(3);
        assertThat(fixture.hasher.hashes()).isZero();
        assertUnchanged();
    }

    @Test
    void couchDbFailingToEndASession_failsTheCall_andTheOldPasswordStillHolds() {
        fixture.directory.failDeletesOf(other.id());

        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), PASSWORD, NEW)))
                .isInstanceOf(CouchDbException.class);
        assertThat(fixture.passwordIs(ALICE, PASSWORD)).isTrue();
        assertThat(fixture.stored.updates()).isZero();
        assertThat(fixture.sessionIdsOf(ALICE)).containsExactlyInAnyOrder(calling.id().value(), other.id().value());
    }

    @Test
    void couchDbFailingToStoreTheHash_failsTheCall_theOldPasswordStillHolds_andTheOtherSessionsHaveEnded() {
        fixture.users.failWrites(true);

        assertThatThrownBy(() -> service.changePassword(command(ALICE, calling.id(), PASSWORD, NEW)))
                .isInstanceOf(CouchDbException.class);
        assertThat(fixture.passwordIs(ALICE, PASSWORD)).isTrue();
        assertThat(fixture.sessionIdsOf(ALICE)).containsExactly(calling.id().value());

        fixture.users.failWrites(false);
        service.changePassword(command(ALICE, calling.id(), PASSWORD, NEW));
        assertThat(fixture.passwordIs(ALICE, NEW)).isTrue();
    }

    @Test
    void commands_refuseEmptyPasswords_andNeverPrintThem() {
        assertThatThrownBy(() -> new ChangePasswordCommand(ALICE, calling.id(), new char[0], NEW.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password is required");
        assertThatThrownBy(() -> new ChangePasswordCommand(ALICE, calling.id(), PASSWORD.toCharArray(), new char[1025]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password must be at most 1024 characters");
        assertThat(command(ALICE, new SessionId("AbCdEfGhIjKlMnOpQrStUv"), PASSWORD, NEW)).hasToString(
                "ChangePasswordCommand[username=alice, keep=AbCdEfGhIjKlMnOpQrStUv, currentPassword=<redacted>, "
                        + "newPassword=<redacted>, replacesOneTime=false]");
    }

    private void assertUnchanged() {
        assertThat(fixture.passwordIs(ALICE, PASSWORD)).isTrue();
        assertThat(fixture.stored.updates()).isZero();
        assertThat(fixture.sessionIdsOf(ALICE)).containsExactlyInAnyOrder(calling.id().value(), other.id().value());
        assertThat(fixture.streams.ended()).isEmpty();
    }

    private static ChangePasswordCommand command(Username username, SessionId keep, String current, String fresh) {
        return new ChangePasswordCommand(username, keep, current.toCharArray(), fresh.toCharArray());
    }
}
