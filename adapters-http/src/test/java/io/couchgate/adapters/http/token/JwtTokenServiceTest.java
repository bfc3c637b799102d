package io.couchgate.adapters.http.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.FakeClock;
import java.security.KeyPairGenerator;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTokenServiceTest {

    private static final byte[] SECRET = new byte[32];
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static {
        Arrays.fill(SECRET, (byte) 7);
    }

    private final FakeClock clock = new FakeClock(NOW);
    private final InstanceId instance = InstanceId.random();
    private final JwtTokenService service = new JwtTokenService(SECRET, instance, clock);
    private final SessionId sid = new SessionId("AAAAAAAAAAAAAAAAAAAAAA");
    private final Session session = new Session(sid, Username.of("alice"), instance, NOW,
            NOW.plus(Duration.ofDays(7)), new CouchCredentials("users/x/alice/" + sid, "pw"));

    @Test
    void issue_writesHs256HeaderAndEveryClaim() throws ParseException {
        IssuedToken token = service.issue(session);

        SignedJWT jwt = SignedJWT.parse(token.value());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(token.expiresAt()).isEqualTo(session.expiresAt());
        Map<String, Object> claims = jwt.getJWTClaimsSet().toJSONObject();
        assertThat(claims).containsOnlyKeys("iss", "sub", "sid", "iid", "iat", "exp", "jti")
                .containsEntry("iss", "couchgate").containsEntry("sub", "alice")
                .containsEntry("sid", sid.value()).containsEntry("jti", sid.value())
                .containsEntry("iid", instance.toString())
                .containsEntry("iat", NOW.getEpochSecond())
                .containsEntry("exp", NOW.plus(Duration.ofDays(7)).getEpochSecond());
    }

    @Test
    void verify_returnsTheClaimsOfAnIssuedToken() {
        assertThat(service.verify(service.issue(session).value())).contains(new TokenClaims(Username.of("alice"),
                sid, instance, NOW, NOW.plus(Duration.ofDays(7))));
    }

    @Test
    void verify_acceptsUpTo60SecondsAfterExpiry_andNotLater() {
        String token = service.issue(session).value();

        clock.advance(Duration.ofDays(7).plusSeconds(59));
        assertThat(service.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.verify(token)).isEmpty();
    }

    @Test
    void verify_answersARepeatFromMemory_butStillChecksItsExpiry() {
        String token = service.issue(session).value();

        assertThat(service.verify(token)).isPresent();
        assertThat(service.rememberedCount()).isEqualTo(1);
        assertThat(service.verify(token)).isPresent();
        clock.advance(Duration.ofDays(7).plusSeconds(60));
        assertThat(service.verify(token)).isEmpty();
        assertThat(service.rememberedCount()).isZero();
    }

    @Test
    void verify_remembersNoRefusedToken() {
        String token = service.issue(session).value();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");

        assertThat(service.verify(tampered)).isEmpty();
        assertThat(service.verify(token + "x")).isEmpty();
        assertThat(service.rememberedCount()).isZero();
    }

    @Test
    void verify_startsTheMemoryAgainWhenFull_andStillAcceptsEveryToken() {
        JwtTokenService small = new JwtTokenService(SECRET, instance, clock, 3);
        for (int i = 0; i < 3; i++) {
            SessionId other = new SessionId(String.format("AAAAAAAAAAAAAAAA%06d", i));
            Session another = new Session(other, Username.of("alice"), instance, NOW, NOW.plus(Duration.ofDays(7)),
                    new CouchCredentials("users/x/alice/" + other, "pw"));
            assertThat(small.verify(small.issue(another).value())).isPresent();
        }
        assertThat(small.rememberedCount()).isEqualTo(3);

        assertThat(small.verify(small.issue(session).value())).isPresent();
        assertThat(small.rememberedCount()).isEqualTo(1);
    }

    @Test
    void verify_refusesAlgNone() throws ParseException {
        JWTClaimsSet claims = SignedJWT.parse(service.issue(session).value()).getJWTClaimsSet();

        assertThat(service.verify(new PlainJWT(claims).serialize())).isEmpty();
    }

    @Test
    void verify_refusesRs256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), validClaims().build());
        jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        assertThat(service.verify(jwt.serialize())).isEmpty();
    }

    @Test
    void verify_refusesHs512_evenWithTheRightKey() throws JOSEException {
        byte[] longKey = new byte[64];
        Arrays.fill(longKey, (byte) 9);
        JwtTokenService withLongKey = new JwtTokenService(longKey, instance, clock);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), validClaims().build());
        jwt.sign(new MACSigner(longKey));

        assertThat(withLongKey.verify(jwt.serialize())).isEmpty();
        assertThat(withLongKey.verify(sign(validClaims(), longKey))).isPresent();
    }

    @Test
    void verify_refusesATamperedPayload() {
        String[] parts = service.issue(session).value().split("\\.");
        String forged = Base64URL.encode(validClaims().subject("mallory").build().toString()).toString();

        assertThat(service.verify(parts[0] + "." + forged + "." + parts[2])).isEmpty();
    }

    @Test
    void verify_refusesAnotherKey() throws JOSEException {
        byte[] other = SECRET.clone();
        other[0] ^= 1;

        assertThat(service.verify(sign(validClaims(), other))).isEmpty();
    }

    @Test
    void verify_refusesWrongOrMissingIssuer() throws JOSEException {
        assertThat(service.verify(sign(validClaims().issuer("other"), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().issuer(null), SECRET))).isEmpty();
    }

    @Test
    void verify_refusesATokenOfAnotherInstance() {
        JwtTokenService previous = new JwtTokenService(SECRET, InstanceId.random(), clock);

        assertThat(service.verify(previous.issue(session).value())).isEmpty();
    }

    @Test
    void verify_refusesBadSubjectSessionIdInstanceIdOrJtiClaims() throws JOSEException {
        assertThat(service.verify(sign(validClaims().subject("Alice"), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().subject("a!"), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().subject(null), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().claim("sid", "short"), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().claim("sid", 42), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().claim("iid", "not-a-uuid"), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().jwtID("BBBBBBBBBBBBBBBBBBBBBB"), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().jwtID(null), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().expirationTime(null), SECRET))).isEmpty();
        assertThat(service.verify(sign(validClaims().issueTime(null), SECRET))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "a.b.c", "a.b", "....", "eyJhbGciOiJIUzI1NiJ9.e30.", "\u0000"})
    void verify_returnsEmptyForGarbage_neverThrows(String token) {
        assertThat(service.verify(token)).isEmpty();
    }

    /**
     * A valid token with something added or changed that a lenient base64url decoder skips: every one decodes to the
     * same header, claims and signature, yet is not the compact serialization (RFC 7515, section 7.1). The appended
     * {@code \u00c3\u00a9\u00ff} is how the server reads the raw bytes of {@code é} and 0xFF (ISO-8859-1).
     */
    @ParameterizedTest
    @ValueSource(strings = {"{t}\u00c3\u00a9\u00ff", "{t}\u00e9", "{t}=", "{t}==", "{h}=.{p}.{s}", "{h}.{p}==.{s}",
        "{h}.{p}.{s}=", "{t} ", " {t}", "{h}.{p} .{s}", "{h}.{p}.{s1} {s2}", "{h}.{p}.{s1}\t{s2}", "{h}.{p}.{s1}\n{s2}",
        "{t}.{s}", "{t}.", ".{t}", "{h}..{p}.{s}", "{h}.{p}.{s}+", "{h}.{p}.{s1}/{s2}", "{h}.{p}.{s1}+{s2}",
        "{h}.{p}.{s}A", "{h}.{p}.{s}\u0000"})
    void verify_refusesAValidTokenThatIsNotExactlyThreeBase64UrlSegments(String shape) {
        String token = service.issue(session).value();
        String[] parts = token.split("\\.");
        String mangled = shape.replace("{t}", token).replace("{h}", parts[0]).replace("{p}", parts[1])
                .replace("{s1}", parts[2].substring(0, 20)).replace("{s2}", parts[2].substring(20))
                .replace("{s}", parts[2]);

        assertThat(service.verify(token)).isPresent();
        assertThat(service.verify(mangled)).as(mangled).isEmpty();
    }

    /** Base64url's last character of a 32-byte signature carries 2 unused bits; only the zero ones are canonical. */
    @Test
    void verify_refusesASignatureWithNonZeroUnusedBits_thoughItDecodesToTheSameBytes() {
        String token = service.issue(session).value();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        String other = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);

        assertThat(java.util.Base64.getUrlDecoder().decode(other.substring(other.lastIndexOf('.') + 1)))
                .isEqualTo(java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));
        assertThat(service.verify(other)).isEmpty();
    }

    /**
     * A header segment one character longer than a base64url encoding can be (length 1 modulo 4) decodes to nothing,
     * though a lenient decoder drops the extra character: refused even when signed over that very text.
     */
    @Test
    void verify_refusesASegmentThatIsNoBase64UrlLength_evenSignedWithTheRightKey() throws JOSEException {
        String[] parts = service.issue(session).value().split("\\.");
        String header = parts[0] + "A";
        String signingInput = header + "." + parts[1];
        Base64URL signature = new MACSigner(SECRET).sign(new JWSHeader(JWSAlgorithm.HS256),
                signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(header.length() % 4).isEqualTo(1);
        assertThat(service.verify(signingInput + "." + signature)).isEmpty();
    }

    @Test
    void construction_refusesAKeyShorterThan32Bytes() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtTokenService(new byte[31], instance, clock));
    }

    private JWTClaimsSet.Builder validClaims() {
        try {
            return new JWTClaimsSet.Builder(SignedJWT.parse(service.issue(session).value()).getJWTClaimsSet());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet.Builder claims, byte[] key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
