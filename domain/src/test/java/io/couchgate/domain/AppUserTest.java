package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppUserTest {

    private static final PasswordHash OLD = new PasswordHash(
            "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");
    private static final PasswordHash NEW = new PasswordHash(
            "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0b3RoZXJzYQ$b3RoZXJoYXNob3RoZXJoYXNob3RoZXJoYXNob3RoZXI");
    private static final AppUser ALICE = new AppUser(Username.of("alice"), OLD,
            Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void anAccountMadeWithoutTheMark_requiresNoPasswordChange() {
        assertThat(ALICE.passwordChangeRequired()).isFalse();
    }

    @Test
    void aOneTimePassword_marksTheAccount_andARehashOfItKeepsTheMark() {
        AppUser reset = ALICE.withNewPassword(NEW, true);
        assertThat(reset.passwordChangeRequired()).isTrue();
        assertThat(reset.passwordHash()).isEqualTo(NEW);
        assertThat(reset.withPasswordHash(OLD).passwordChangeRequired()).isTrue();
    }

    @Test
    void aPasswordOfTheOwnersOwn_clearsTheMark_andKeepsNameAndCreationTime() {
        AppUser changed = ALICE.withNewPassword(NEW, true).withNewPassword(OLD, false);
        assertThat(changed).isEqualTo(ALICE);
    }
}
