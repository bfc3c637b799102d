package io.couchgate.application.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.admin.InvitationsService;
import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.port.in.CreatedInvitation;
import io.couchgate.application.port.in.InvitationInvalidException;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.port.in.SignUpMode;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import io.couchgate.domain.port.testing.InMemoryInvitationStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InviteSignUpTest {

    private static final String STRONG = "violet-Kettle-47-orbit";

    private final InMemoryAppUserRepository stored = new InMemoryAppUserRepository();
    private volatile boolean failCreates;
    private final AppUserRepository users = new AppUserRepository() {
        @Override
        public void create(AppUser user, Instant deletedBefore) {
            if (failCreates) {
                throw new CouchDbException("PUT /app_users/user:" + user.username() + " failed (injected)");
            }
            stored.create(user, deletedBefore);
        }

        @Override
        public Optional<AppUser> findByUsername(Username username) {
            return stored.findByUsername(username);
        }

        @Override
        public void update(AppUser user) {
            stored.update(user);
        }

        @Override
        public void delete(AppUser user, Instant deletedAt) {
            stored.delete(user, deletedAt);
        }
    };
    private final InMemoryInvitationStore invitations = new InMemoryInvitationStore();
    private final FakeClock clock = new FakeClock();
    private final InvitationsService admin = new InvitationsService(invitations, InviteSignUpTest::randomBytes,
            clock);
    private final SignUpService service = new SignUpService(users, SignUpServiceTest.POLICY,
            new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.PARAMETERS), clock,
            SignUpMode.INVITE, invitations, Duration.ofDays(30));

    @Test
    void aValidCode_signsUp_andIsUsedUp() {
        CreatedInvitation created = admin.createInvitation(Duration.ofDays(7));

        assertThat(service.signUp(command("alice", created.code()))).isEqualTo(Username.of("alice"));
        assertThat(invitations.list()).isEmpty();
        assertThatThrownBy(() -> service.signUp(command("bob", created.code())))
                .isInstanceOf(InvitationInvalidException.class)
                .hasMessage("the invitation code is unknown, used or revoked");
        assertThat(stored.findByUsername(Username.of("bob"))).isEmpty();
    }

    @Test
    void noCode_isRefused_andNothingChanges() {
        admin.createInvitation(Duration.ofDays(7));
        assertThatThrownBy(() -> service.signUp(new SignUpCommand(Username.of("alice"), STRONG.toCharArray())))
                .isInstanceOf(InvitationInvalidException.class)
                .hasMessage("signup on this server needs an invitation code");
        assertThat(stored.size()).isZero();
        assertThat(invitations.list()).hasSize(1);
    }

    @Test
    void anUnknownCode_isRefused_beforeTheNameIsLookedAt() {
        service.signUp(command("alice", admin.createInvitation(Duration.ofDays(1)).code()));
        assertThatThrownBy(() -> service.signUp(command("alice", new InvitationCode("AAAAAAAAAAAAAAAAAAAAAA"))))
                .isInstanceOf(InvitationInvalidException.class)
                .hasMessage("the invitation code is unknown, used or revoked");
    }

    @Test
    void anExpiredCode_isRefused_andKept() {
        CreatedInvitation created = admin.createInvitation(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> service.signUp(command("alice", created.code())))
                .isInstanceOf(InvitationInvalidException.class)
                .hasMessage("the invitation code has expired");
        assertThat(stored.size()).isZero();
        assertThat(invitations.list()).containsExactly(created.invitation());
    }

    @Test
    void aRevokedCode_isRefused() {
        CreatedInvitation created = admin.createInvitation(Duration.ofDays(7));
        assertThat(admin.revokeInvitation(created.code().value())).contains(created.invitation());
        assertThatThrownBy(() -> service.signUp(command("alice", created.code())))
                .isInstanceOf(InvitationInvalidException.class);
        assertThat(stored.size()).isZero();
    }

    @Test
    void aTakenName_givesTheInvitationBack() {
        service.signUp(command("alice", admin.createInvitation(Duration.ofDays(7)).code()));
        CreatedInvitation second = admin.createInvitation(Duration.ofDays(7));
        assertThatThrownBy(() -> service.signUp(command("alice", second.code())))
                .isInstanceOf(UsernameTakenException.class);
        assertThat(invitations.list()).containsExactly(second.invitation());
    }

    @Test
    void aFailedAccountWrite_givesTheInvitationBack() {
        CreatedInvitation created = admin.createInvitation(Duration.ofDays(7));
        failCreates = true;
        assertThatThrownBy(() -> service.signUp(command("alice", created.code())))
                .isInstanceOf(CouchDbException.class);
        assertThat(invitations.list()).containsExactly(created.invitation());

        failCreates = false;
        assertThat(service.signUp(command("alice", created.code()))).isEqualTo(Username.of("alice"));
    }

    @Test
    void concurrentSignups_withOneCode_makeExactlyOneAccount() throws Exception {
        CreatedInvitation created = admin.createInvitation(Duration.ofDays(7));
        int callers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String name = "user" + i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        return service.signUp(command(name, created.code())).value();
                    } catch (InvitationInvalidException e) {
                        return "refused";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).filteredOn(r -> !r.equals("refused")).hasSize(1);
            assertThat(stored.size()).isEqualTo(1);
            assertThat(invitations.list()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static SignUpCommand command(String name, InvitationCode code) {
        return new SignUpCommand(Username.of(name), STRONG.toCharArray(), Optional.of(code));
    }
}
