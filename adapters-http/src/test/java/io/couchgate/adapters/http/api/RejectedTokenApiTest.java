package io.couchgate.adapters.http.api;

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
import io.couchgate.adapters.http.testing.TestWiring;
import io.couchgate.adapters.http.token.JwtTokenService;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each token here names a live session of alice, yet must be refused by GET /api/sessions/current. */
@MicronautTest(rebuildContext = true)
class RejectedTokenApiTest extends ApiTestSupport {

    private String valid;
    private JWTClaimsSet claims;

    @BeforeEach
    void aliceIsLoggedIn() throws ParseException {
        signUp("alice");
        valid = logIn("alice");
        claims = SignedJWT.parse(valid).getJWTClaimsSet();
    }

    private void assertRefused(String token) {
        assertProblem(api.withBearer("GET", "/api/sessions/current", token), 401, "unauthorized");
    }

    @Test
    void theValidTokenItself_isAccepted() {
        assertThat(api.withBearer("GET", "/api/sessions/current", valid).status()).isEqualTo(200);
    }

    @Test
    void unsignedAlgNoneToken_returns401() {
        assertRefused(new PlainJWT(claims).serialize());
        String[] parts = valid.split("\\.");
        assertRefused(Base64URL.encode("{\"alg\":\"none\"}") + "." + parts[1] + ".");
        assertRefused(Base64URL.encode("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void rs256SignedToken_returns401() throws JOSEException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        assertRefused(jwt.serialize());
    }

    @Test
    void tamperedPayload_returns401() {
        signUp("mallory");
        String[] parts = valid.split("\\.");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(claims).subject("mallory").build();

        assertRefused(parts[0] + "." + Base64URL.encode(forged.toString()) + "." + parts[2]);
    }

    @Test
    void tamperedSignature_returns401() {
        int at = valid.length() - 2; // not the last character, whose low bits base64url may ignore
        char replacement = valid.charAt(at) == 'A' ? 'B' : 'A';

        assertRefused(valid.substring(0, at) + replacement + valid.substring(at + 1));
    }

    @Test
    void expiredToken_returns401_onceTheLeewayIsOver() {
        clock.advance(TestWiring.SESSIONS.ttl().plusSeconds(61));

        assertRefused(valid);
    }

    /**
     * The token's own {@code exp}, apart from the session's expiry: a token of the live session, signed with the
     * right key, whose {@code exp} lies more than the 60 s leeway in the past, is refused; one within the leeway is
     * not (RFC 7519 section 4.1.4).
     */
    @Test
    void tokenWhoseExpIsPast_returns401_whileItsSessionIsStillLive() throws JOSEException {
        java.util.Date now = java.util.Date.from(clock.now());
        String withinLeeway = sign(new JWTClaimsSet.Builder(claims)
                .expirationTime(new java.util.Date(now.getTime() - 30_000)).build());
        String past = sign(new JWTClaimsSet.Builder(claims)
                .expirationTime(new java.util.Date(now.getTime() - 61_000)).build());

        assertThat(api.withBearer("GET", "/api/sessions/current", withinLeeway).status()).isEqualTo(200);
        assertRefused(past);
        assertThat(api.withBearer("GET", "/api/sessions/current", valid).status()).as("the session lives on")
                .isEqualTo(200);
    }

    @Test
    void tokenWithWrongIssuer_returns401() throws JOSEException {
        assertRefused(sign(new JWTClaimsSet.Builder(claims).issuer("someone-else").build()));
        assertRefused(sign(new JWTClaimsSet.Builder(claims).issuer(null).build()));
    }

    @Test
    void tokenSignedWithAnotherKey_returns401() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner("another-key-another-key-another-key!".getBytes()));

        assertRefused(jwt.serialize());
    }

    @Test
    void tokenOfPreviousInstance_returns401() {
        JwtTokenService previous = new JwtTokenService(TestWiring.SECRET, InstanceId.random(), clock);
        Session session = liveSessionOfAlice();
        store.put(session);

        assertRefused(previous.issue(session).value());
    }

    @Test
    void tokenOfRevokedSession_returns401() {
        Session neverKept = liveSessionOfAlice();
        JwtTokenService current = new JwtTokenService(TestWiring.SECRET, TestWiring.INSTANCE, clock);
        assertRefused(current.issue(neverKept).value());

        assertThat(api.withBearer("DELETE", "/api/sessions/current", valid).status()).isEqualTo(204);
        assertRefused(valid);
    }

    @Test
    void expiredSession_returns401_evenWhileTheTokenIsWithinItsLeeway() {
        clock.advance(TestWiring.SESSIONS.ttl().plus(Duration.ofSeconds(1)));

        assertRefused(valid);
    }

    private Session liveSessionOfAlice() {
        SessionId id = SessionId.random(count -> new byte[count]);
        return new Session(id, Username.of("alice"), TestWiring.INSTANCE, clock.now(),
                TestWiring.SESSIONS.expiresAt(clock.now()), new CouchCredentials(
                        Session.sessionUserName(TestWiring.INSTANCE, Username.of("alice"), id), "session-password"));
    }

    private static String sign(JWTClaimsSet set) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set);
        jwt.sign(new MACSigner(TestWiring.SECRET));
        return jwt.serialize();
    }
}
