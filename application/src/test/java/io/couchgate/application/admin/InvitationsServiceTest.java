package io.couchgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.CreatedInvitation;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryInvitationStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvitationsServiceTest {

    private final InMemoryInvitationStore store = new InMemoryInvitationStore();
    private final FakeClock clock = new FakeClock();
    private final CountingRandomSource random = new CountingRandomSource();
    private final InvitationsService service = new InvitationsService(store, random, clock);

    @Test
    void create_makesA128BitUrlSafeCode_andStoresOnlyItsHash_withItsExpiry() {
        CreatedInvitation created = service.createInvitation(Duration.ofDays(7));

        assertThat(created.code().value()).matches("[A-Za-z0-9_-]{22}");
        assertThat(created.invitation().codeHash()).isEqualTo(created.code().hash()).hasSize(64)
                .doesNotContain(created.code().value());
        assertThat(created.invitation().createdAt()).isEqualTo(FakeClock.DEFAULT_START);
        assertThat(created.invitation().expiresAt()).isEqualTo(FakeClock.DEFAULT_START.plus(Duration.ofDays(7)));
        assertThat(store.list()).containsExactly(created.invitation());
        assertThat(created.code().toString()).doesNotContain(created.code().value());
    }

    @Test
    void create_neverMakesACodeThatBeginsWithADash_soNoCommandLineReadsItAsAnOption() {
        // 0xF8 encodes as "-" in base64url's first character: the first draw is refused, the second kept
        Deque<byte[]> draws = new ArrayDeque<>(List.of(filled(0xF8), filled(0xF8), filled(0x04)));
        InvitationsService dashing = new InvitationsService(store, count -> draws.pop(), clock);

        CreatedInvitation created = dashing.createInvitation(Duration.ofDays(1));

        assertThat(created.code().value()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(filled(0x04))).startsWith("BA");
        assertThat(draws).isEmpty();
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[InvitationsService.CODE_BYTES];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void create_withoutAPositiveTime_isRefused_andStoresNothing() {
        assertThatThrownBy(() -> service.createInvitation(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invitation must be valid for a positive time, was PT0S");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void list_isByCreationTime() {
        CreatedInvitation first = service.createInvitation(Duration.ofDays(1));
        clock.advance(Duration.ofMinutes(1));
        CreatedInvitation second = service.createInvitation(Duration.ofDays(1));
        assertThat(service.listInvitations()).containsExactly(first.invitation(), second.invitation());
    }

    @Test
    void revoke_byCodeOrById_removesIt_once() {
        CreatedInvitation byCode = service.createInvitation(Duration.ofDays(1));
        CreatedInvitation byId = service.createInvitation(Duration.ofDays(1));

        assertThat(service.revokeInvitation(byCode.code().value())).contains(byCode.invitation());
        assertThat(service.revokeInvitation(byId.invitation().id())).contains(byId.invitation());
        assertThat(service.revokeInvitation(byCode.code().value())).isEmpty();
        assertThat(service.revokeInvitation("not a code!")).isEmpty();
        assertThat(store.list()).isEmpty();
    }
}
