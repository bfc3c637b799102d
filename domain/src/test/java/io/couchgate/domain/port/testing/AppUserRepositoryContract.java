package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.AccountChangedException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.port.AppUserRepository;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AppUserRepository} must do. Extend it with {@link #newRepository()} returning an empty or
 * shared repository: every test uses fresh random usernames, so a real database may be shared between tests.
 */
public abstract class AppUserRepositoryContract {

    /** A valid hash of no particular password (parameters m=64, t=1, p=1). */
    protected static final PasswordHash HASH_1 = new PasswordHash(
            "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");
    /** Another valid hash, under other parameters (m=19456, t=2, p=1). */
    protected static final PasswordHash HASH_2 = new PasswordHash(
            "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0b3RoZXJzYQ$b3RoZXJoYXNob3RoZXJoYXNob3RoZXJoYXNob3RoZXI");

    /** When the deleted accounts of these tests were deleted. */
    protected static final Instant DELETED_AT = Instant.parse("2026-02-03T04:05:06.789Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    private AppUserRepository repository;

    /** @return the repository under test */
    protected abstract AppUserRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void createdUser_isFoundByUsername_withTheSameHashAndCreationTime() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        assertThat(repository.findByUsername(user.username())).contains(user);
    }

    @Test
    void unknownUsername_isNotFound() {
        assertThat(repository.findByUsername(uniqueUsername())).isEmpty();
    }

    @Test
    void creatingATakenUsername_throwsUsernameTaken_andKeepsTheFirstAccount() {
        AppUser first = newUser(HASH_1);
        repository.create(first);
        AppUser second = new AppUser(first.username(), HASH_2, first.createdAt().plusSeconds(60));
        assertThatThrownBy(() -> repository.create(second))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("username is taken: " + first.username());
        assertThat(repository.findByUsername(first.username())).contains(first);
    }

    @Test
    void update_replacesThePasswordHash_andKeepsTheCreationTime() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        repository.update(user.withPasswordHash(HASH_2));
        assertThat(repository.findByUsername(user.username())).contains(new AppUser(user.username(), HASH_2,
                user.createdAt()));
    }

    @Test
    void update_keepsThePasswordChangeMark_andAClearedMarkReadsAsNone() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        AppUser marked = user.withNewPassword(HASH_2, true);
        repository.update(marked);
        assertThat(repository.findByUsername(user.username())).contains(marked);
        repository.update(marked.withNewPassword(HASH_1, false));
        assertThat(repository.findByUsername(user.username())).contains(user);
    }

    @Test
    void update_canRunTwice() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        repository.update(user.withPasswordHash(HASH_2));
        repository.update(user.withPasswordHash(HASH_1));
        assertThat(repository.findByUsername(user.username())).contains(user);
    }

    @Test
    void updateOfAnUnknownUser_throwsCouchDbException_andCreatesNothing() {
        AppUser ghost = newUser(HASH_1);
        assertThatThrownBy(() -> repository.update(ghost)).isInstanceOf(CouchDbException.class);
        assertThat(repository.findByUsername(ghost.username())).isEmpty();
    }

    @Test
    void usersAreKeptApart() {
        AppUser one = newUser(HASH_1);
        AppUser two = newUser(HASH_2);
        repository.create(one);
        repository.create(two);
        assertThat(repository.findByUsername(one.username())).contains(one);
        assertThat(repository.findByUsername(two.username())).contains(two);
    }

    @Test
    void deletedUser_isNotFound_andItsOtherAccountsAreKept() {
        AppUser user = newUser(HASH_1);
        AppUser other = newUser(HASH_2);
        repository.create(user);
        repository.create(other);

        repository.delete(user, DELETED_AT);

        assertThat(repository.findByUsername(user.username())).isEmpty();
        assertThat(repository.findByUsername(other.username())).contains(other);
    }

    @Test
    void deletedName_cannotBeCreatedAgain_whileTheMarkIsNotOlderThanTheCutoff() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        repository.delete(user, DELETED_AT);
        AppUser again = new AppUser(user.username(), HASH_2, DELETED_AT.plusSeconds(1));

        assertThatThrownBy(() -> repository.create(again))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("username is taken: " + user.username());
        assertThatThrownBy(() -> repository.create(again, DELETED_AT))
                .isInstanceOf(UsernameTakenException.class);
        assertThat(repository.findByUsername(user.username())).isEmpty();
    }

    @Test
    void deletedName_isCreatedAgain_onceTheMarkIsOlderThanTheCutoff_andThenTakenAgain() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        repository.delete(user, DELETED_AT);
        AppUser again = new AppUser(user.username(), HASH_2, DELETED_AT.plusSeconds(60));

        repository.create(again, DELETED_AT.plusMillis(1));

        assertThat(repository.findByUsername(user.username())).contains(again);
        assertThatThrownBy(() -> repository.create(new AppUser(user.username(), HASH_1, DELETED_AT),
                Instant.MAX)).isInstanceOf(UsernameTakenException.class);
        assertThat(repository.findByUsername(user.username())).contains(again);
    }

    @Test
    void aCutoff_neverFreesALiveAccountsName() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        assertThatThrownBy(() -> repository.create(new AppUser(user.username(), HASH_2, DELETED_AT), Instant.MAX))
                .isInstanceOf(UsernameTakenException.class);
        assertThat(repository.findByUsername(user.username())).contains(user);
    }

    @Test
    void neverUsedName_isCreated_whateverTheCutoff() {
        AppUser user = newUser(HASH_1);
        repository.create(user, Instant.MAX);
        assertThat(repository.findByUsername(user.username())).contains(user);
    }

    @Test
    void deleteOfAnAccountWhoseHashChanged_throwsAccountChanged_andKeepsTheAccount() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        repository.update(user.withPasswordHash(HASH_2));

        assertThatThrownBy(() -> repository.delete(user, DELETED_AT))
                .isInstanceOf(AccountChangedException.class)
                .hasMessage("the account changed meanwhile: " + user.username());
        assertThat(repository.findByUsername(user.username())).contains(user.withPasswordHash(HASH_2));
    }

    @Test
    void deleteOfAnUnknownOrDeletedAccount_throwsAccountChanged() {
        AppUser ghost = newUser(HASH_1);
        assertThatThrownBy(() -> repository.delete(ghost, DELETED_AT)).isInstanceOf(AccountChangedException.class);
        assertThat(repository.findByUsername(ghost.username())).isEmpty();

        AppUser user = newUser(HASH_1);
        repository.create(user);
        repository.delete(user, DELETED_AT);
        assertThatThrownBy(() -> repository.delete(user, DELETED_AT.plusSeconds(1)))
                .isInstanceOf(AccountChangedException.class);
    }

    @Test
    void updateOfADeletedAccount_throwsCouchDbException_andDoesNotBringItBack() {
        AppUser user = newUser(HASH_1);
        repository.create(user);
        repository.delete(user, DELETED_AT);

        assertThatThrownBy(() -> repository.update(user.withPasswordHash(HASH_2)))
                .isInstanceOf(CouchDbException.class);
        assertThat(repository.findByUsername(user.username())).isEmpty();
        assertThatThrownBy(() -> repository.create(user)).isInstanceOf(UsernameTakenException.class);
    }

    /** @return a valid username no other test uses: {@code contract-} and 12 random lowercase alphanumerics */
    protected static Username uniqueUsername() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder("contract-");
        for (int i = 0; i < 12; i++) {
            name.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return Username.of(name.toString());
    }

    protected static AppUser newUser(PasswordHash hash) {
        return new AppUser(uniqueUsername(), hash, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
