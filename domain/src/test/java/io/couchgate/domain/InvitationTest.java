package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-01-08T00:00:00Z");

    @Test
    void codeHash_isTheLowerHexSha256OfItsUtf8() {
        // FIPS 180-2, appendix B.1: SHA-256("abc")
        assertThat(new InvitationCode("abc").hash())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void code_isNeverPrinted_andMustBe1To256Characters() {
        assertThat(new InvitationCode("Q2F0Y2hNZUlmWW91Q2FuMQ")).hasToString("InvitationCode[<redacted>]");
        assertThatThrownBy(() -> new InvitationCode("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invitation code is 1 to 256 characters");
        assertThatThrownBy(() -> new InvitationCode("x".repeat(257))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invitation_isValidUntilJustBeforeItsExpiry_andNamedByItsHashPrefix() {
        Invitation invitation = new Invitation(new InvitationCode("abc").hash(), CREATED, EXPIRES);
        assertThat(invitation.isValidAt(CREATED)).isTrue();
        assertThat(invitation.isValidAt(EXPIRES.minusMillis(1))).isTrue();
        assertThat(invitation.isValidAt(EXPIRES)).isFalse();
        assertThat(invitation.id()).isEqualTo("ba7816bf8f01");
    }

    @Test
    void invitation_refusesAHashThatIsNoneAndAnExpiryNotAfterItsCreation() {
        assertThatThrownBy(() -> new Invitation("ABC", CREATED, EXPIRES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("codeHash must be 64 lower-case hex characters");
        assertThatThrownBy(() -> new Invitation("a".repeat(64), CREATED, CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invitation must expire after it was made");
    }
}
