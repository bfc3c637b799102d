package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final Instant LOGIN = Instant.parse("2026-01-01T12:00:00Z");
    private static final InstanceId INSTANCE = new InstanceId(UUID.fromString("0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10"));
    private static final SessionId SID = new SessionId("AbCdEfGhIjKlMnOpQrStUv");
    private static final Username ALICE = Username.of("alice");

    @Test
    void policy_expiresASessionItsTtlAfterLogin() {
        assertThat(new SessionPolicy(Duration.ofMinutes(30)).expiresAt(LOGIN))
                .isEqualTo(Instant.parse("2026-01-01T12:30:00Z"));
    }

    @Test
    void session_isExpiredExactlyAtExpiresAt_butNotOneMillisecondBefore() {
        Session session = sessionExpiringAt(new SessionPolicy(SessionPolicy.DEFAULT_TTL).expiresAt(LOGIN));
        Instant expiry = Instant.parse("2026-01-08T12:00:00Z");
        assertThat(session.expiresAt()).isEqualTo(expiry);
        assertThat(session.isExpiredAt(expiry.minusMillis(1))).isFalse();
        assertThat(session.isExpiredAt(expiry)).isTrue();
        assertThat(session.isExpiredAt(expiry.plusMillis(1))).isTrue();
    }

    @Test
    void aSessionMadeWithoutTheMark_requiresNoPasswordChange_andDiffersFromOneThatDoes() {
        Session plain = sessionExpiringAt(LOGIN.plusSeconds(60));
        Session restricted = new Session(plain.id(), plain.username(), plain.instanceId(), plain.issuedAt(),
                plain.expiresAt(), plain.credentials(), true);
        assertThat(plain.passwordChangeRequired()).isFalse();
        assertThat(restricted.passwordChangeRequired()).isTrue();
        assertThat(restricted).isNotEqualTo(plain);
    }

    @Test
    void defaultTtl_isSevenDays() {
        assertThat(SessionPolicy.DEFAULT_TTL).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void policy_refusesAZeroOrNegativeTtl() {
        assertThatThrownBy(() -> new SessionPolicy(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("session ttl must be positive");
        assertThatThrownBy(() -> new SessionPolicy(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("session ttl must be positive");
    }

    @Test
    void sessionUserName_isUsersSlashInstanceSlashUsernameSlashSessionDigest_withoutTheSessionId() {
        String name = Session.sessionUserName(INSTANCE, ALICE, SID);
        assertThat(name).isEqualTo("users/0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10/alice/" + SID.digest())
                .doesNotContain(SID.value());
        assertThat(SessionUserName.parse(name)).contains(new SessionUserName(INSTANCE, "alice", SID.digest()));
        // SHA-256 of the id's UTF-8 text (FIPS 180-4), lower-case hex
        assertThat(SID.digest()).isEqualTo("8bfb4a7f6c1cb4073b47072626084118324bcbb904ec7f27e62a39270926b999");
    }

    @Test
    void sessionUserNameParse_refusesNamesThatAreNoSessionUsers() {
        assertThat(SessionUserName.parse("alice")).isEmpty();
        assertThat(SessionUserName.parse("users/not-a-uuid/alice/x")).isEmpty();
        assertThat(SessionUserName.parse("users/" + INSTANCE + "/alice")).isEmpty();
        assertThat(SessionUserName.parse("users/" + INSTANCE + "/alice/x/y")).isEmpty();
        assertThat(SessionUserName.parse("users/" + INSTANCE + "//x")).isEmpty();
        assertThat(SessionUserName.parse(null)).isEmpty();
        assertThat(SessionUserName.parse("users/" + INSTANCE + "/alice/" + SID.value()))
                .contains(new SessionUserName(INSTANCE, "alice", SID.value()));
    }

    @Test
    void session_cannotExpireBeforeItIsIssued() {
        assertThatThrownBy(() -> sessionExpiringAt(LOGIN.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a session cannot expire before it is issued");
    }

    @Test
    void sessionId_random_is22Base64UrlCharactersFrom16Bytes() {
        SessionId id = SessionId.random(count -> new byte[count]);
        assertThat(id.value()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void sessionId_refusesTextThatIsNot22Base64UrlCharacters() {
        assertThatThrownBy(() -> new SessionId("too-short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session id must be 22 base64url characters");
        assertThatThrownBy(() -> new SessionId("AbCdEfGhIjKlMnOpQrSt+/")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Session sessionExpiringAt(Instant expiresAt) {
        return new Session(SID, ALICE, INSTANCE, LOGIN, expiresAt,
                new CouchCredentials(Session.sessionUserName(INSTANCE, ALICE, SID), "pw-0123456789"));
    }
}
