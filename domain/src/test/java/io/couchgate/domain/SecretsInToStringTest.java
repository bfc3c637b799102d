package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsInToStringTest {

    private static final String PASSWORD = "s3cr3t-CouchDB-password-0123456789abcdef";
    private static final InstanceId INSTANCE = new InstanceId(UUID.fromString("0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10"));
    private static final SessionId SID = new SessionId("AbCdEfGhIjKlMnOpQrStUv");

    @Test
    void couchCredentials_printTheNameButNotThePassword() {
        CouchCredentials credentials = new CouchCredentials("couchgate-admin-x1y2z3w4", PASSWORD);
        assertThat(credentials).hasToString("CouchCredentials[name=couchgate-admin-x1y2z3w4, password=<redacted>]");
    }

    @Test
    void secrets_printNeitherTheJwtKeyNorTheSessionKeyNorTheAdminPassword() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x5a);
        byte[] sessionKey = new byte[32];
        Arrays.fill(sessionKey, (byte) 0x3c);
        Secrets secrets = new Secrets(key, sessionKey, INSTANCE,
                new CouchCredentials("couchgate-admin-x1y2z3w4", PASSWORD), Secrets.State.PENDING);
        String text = secrets.toString();
        assertThat(text).doesNotContain(PASSWORD);
        for (byte[] secret : new byte[][] {key, sessionKey}) {
            assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(secret))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                    .doesNotContain(Arrays.toString(secret));
        }
        assertThat(text).isEqualTo("Secrets[jwtSecret=<redacted>, sessionKey=<redacted>, "
                + "deploymentId=0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10, "
                + "admin=CouchCredentials[name=couchgate-admin-x1y2z3w4, password=<redacted>], state=PENDING]");
    }

    @Test
    void issuedToken_printsTheExpiryButNotTheToken() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        IssuedToken token = new IssuedToken(jwt, Instant.parse("2026-01-08T00:00:00Z"));
        assertThat(token.toString()).doesNotContain(jwt).doesNotContain("c2lnbmF0dXJl")
                .isEqualTo("IssuedToken[value=<redacted>, expiresAt=2026-01-08T00:00:00Z]");
    }

    @Test
    void session_printsItsIdAndUserButNotTheCouchDbPassword() {
        Username alice = Username.of("alice");
        Session session = new Session(SID, alice, INSTANCE, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-08T00:00:00Z"),
                new CouchCredentials(Session.sessionUserName(INSTANCE, alice, SID), PASSWORD));
        assertThat(session.toString()).doesNotContain(PASSWORD)
                .contains("AbCdEfGhIjKlMnOpQrStUv")
                .contains("password=<redacted>");
    }

    @Test
    void passwordHash_printsItsParametersButNeitherSaltNorHash() {
        PasswordHash hash = new PasswordHash(
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");
        assertThat(hash).hasToString("PasswordHash[HashParameters[memoryKiB=19456, iterations=2, parallelism=1]]");
    }
}
