package io.couchgate.application.account;

import static io.couchgate.application.account.AccountFixture.ALICE;
import static io.couchgate.application.account.AccountFixture.BOB;
import static io.couchgate.application.account.AccountFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.DeleteAccountCommand;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.session.UserSessions;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteAccountServiceTest {

    private final AccountFixture fixture = new AccountFixture();
    private DeleteAccountService service;
    private Session first;
    private Session second;
    private Session bobs;

    @BeforeEach
    void openSessions() {
        service = new DeleteAccountService(fixture.users, fixture.hasher, fixture.sessions, fixture.clock,
                fixture.random);
        first = fixture.open(ALICE);
        second = fixture.open(ALICE);
        bobs = fixture.open(BOB);
        fixture.hasher.reset();
        fixture.clock.advance(Duration.ofMinutes(5));
    }

    @Test
    void delete_endsEverySessionOfTheUser_andLeavesAMarkWithTheDeletionTime() {
        service.deleteAccount(command(PASSWORD));

        assertThat(fixture.stored.findByUsername(ALICE)).isEmpty();
        assertThat(fixture.stored.deletedAt(ALICE)).contains(FakeClock.DEFAULT_START.plus(Duration.ofMinutes(5)));
        assertThat(fixture.sessionIdsOf(ALICE)).isEmpty();
        assertThat(fixture.directory.liveNames()).containsExactly(bobs.credentials().name());
        assertThat(fixture.streams.ended()).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(fixture.stored.findByUsername(BOB)).isPresent();
        assertThat(fixture.hasher.verifies()).isEqualTo(1);
    }

    @Test
    void wrongPassword_isInvalidCredentials_afterOneVerify_andChangesNothing() {
        assertThatThrownBy(() -> service.deleteAccount(command("violet-Kettle-47-orbiT")))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("invalid username or password");
        assertThat(fixture.hasher.verifies()).isEqualTo(1);
        assertUnchanged();
    }

    @Test
    void alreadyDeletedAccount_isTheSameInvalidCredentials_afterOneDummyVerify() {
        service.deleteAccount(command(PASSWORD));
        fixture.hasher.reset();

        assertThatThrownBy(() -> service.deleteAccount(command(PASSWORD)))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(fixture.hasher.verifies()).isEqualTo(1);
        assertThat(fixture.stored.deletions()).isEqualTo(1);
    }

    @Test
    void passwordChangedBetweenTheVerifyAndTheDeletion_isInvalidCredentials_andTheAccountIsKept() {
        AppUser alice = fixture.stored.findByUsername(ALICE).orElseThrow();
        AppUser changed = alice.withPasswordHash(fixture.argon2.hash("mango-Piano-83-lantern".toCharArray()));
        DeleteAccountService racing = new DeleteAccountService(fixture.users, fixture.hasher,
                new UserSessions(fixture.directory, fixture.store, session -> {
                    fixture.streams.endAll(session);
                    if (fixture.stored.findByUsername(ALICE).orElseThrow().equals(alice)) {
                        fixture.stored.update(changed); // a password change lands while the sessions end
                    }
                }), fixture.clock, fixture.random);

        assertThatThrownBy(() -> racing.deleteAccount(command(PASSWORD)))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(fixture.stored.findByUsername(ALICE)).contains(changed);
        assertThat(fixture.stored.deletions()).isZero();
    }

    @Test
    void couchDbFailingToEndASession_failsTheCall_andKeepsTheAccount() {
        fixture.directory.failDeletesOf(second.id());

        assertThatThrownBy(() -> service.deleteAccount(command(PASSWORD))).isInstanceOf(CouchDbException.class);
        assertThat(fixture.stored.findByUsername(ALICE)).isPresent();
        assertThat(fixture.stored.deletedAt(ALICE)).isEmpty();
        assertThat(fixture.sessionIdsOf(ALICE)).contains(second.id().value()); // it and any after it are kept
    }

    @Test
    void couchDbFailingToWriteTheMark_failsTheCall_andKeepsTheAccount_loggedOutEverywhere() {
        fixture.users.failWrites(true);

        assertThatThrownBy(() -> service.deleteAccount(command(PASSWORD))).isInstanceOf(CouchDbException.class);
        assertThat(fixture.stored.findByUsername(ALICE)).isPresent();
        assertThat(fixture.sessionIdsOf(ALICE)).isEmpty();
        assertThat(fixture.passwordIs(ALICE, PASSWORD)).isTrue();
    }

    @Test
    void command_neverPrintsThePassword() {
        assertThat(command(PASSWORD)).hasToString("DeleteAccountCommand[username=alice, password=<redacted>]");
        assertThatThrownBy(() -> new DeleteAccountCommand(ALICE, new char[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password is required");
    }

    private void assertUnchanged() {
        assertThat(fixture.stored.findByUsername(ALICE)).isPresent();
        assertThat(fixture.stored.deletions()).isZero();
        assertThat(fixture.sessionIdsOf(ALICE)).containsExactlyInAnyOrder(first.id().value(), second.id().value());
        assertThat(fixture.streams.ended()).isEmpty();
    }

    private static DeleteAccountCommand command(String password) {
        return new DeleteAccountCommand(ALICE, password.toCharArray());
    }
}
