package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenService} must do (the port's Javadoc): a token it issued verifies to exactly the session's
 * claims until {@code exp} plus the 60 s leeway (RFC 7519, section 4.1.4), not at or after it, also when verified
 * before; a token of another instance, of another issuer, altered, or no token at all verifies to nothing, and
 * {@code verify} never throws for bad input. Times are whole seconds (JWT's NumericDate).
 */
public abstract class TokenServiceContract {

    /** The leeway on {@code exp} every token service grants: 60 s. */
    protected static final Duration LEEWAY = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TTL = Duration.ofHours(8);

    private final FakeClock clock = new FakeClock(NOW);
    private final InstanceId instance = InstanceId.random();
    private TokenService tokens;

    /**
     * @param clock the time its {@code exp} check reads
     * @param instance the instance it issues and accepts tokens for
     * @return a fresh token service under test
     */
    protected abstract TokenService newTokenService(Clock clock, InstanceId instance);

    /**
     * @param service a service {@link #newTokenService} made
     * @param session a session of that service's instance
     * @param issuer the {@code iss} to write instead of couchgate's
     * @return a token as {@code service} issues it, correct in everything but its issuer
     */
    protected abstract String issuedBy(TokenService service, Session session, String issuer);

    @BeforeEach
    void open() {
        tokens = newTokenService(clock, instance);
    }

    @Test
    void issuedToken_verifiesToTheSessionsClaims_andExpiresWithIt() {
        Session session = session("alice", 'A');

        IssuedToken token = tokens.issue(session);

        assertThat(token.expiresAt()).isEqualTo(session.expiresAt());
        assertThat(tokens.verify(token.value())).contains(new TokenClaims(session.username(), session.id(),
                instance, session.issuedAt(), session.expiresAt()));
    }

    @Test
    void twoSessions_getTwoTokens_eachVerifyingToItsOwnSession() {
        Session alice = session("alice", 'A');
        Session bob = session("bob", 'B');
        String aliceToken = tokens.issue(alice).value();
        String bobToken = tokens.issue(bob).value();

        assertThat(aliceToken).isNotEqualTo(bobToken);
        assertThat(tokens.verify(aliceToken).orElseThrow().sessionId()).isEqualTo(alice.id());
        assertThat(tokens.verify(bobToken).orElseThrow().subject()).isEqualTo(Username.of("bob"));
    }

    @Test
    void token_isAcceptedUntilTheLeewayAfterExpiry_andNotFromThen() {
        String token = tokens.issue(session("alice", 'A')).value();

        clock.advance(TTL.plus(LEEWAY).minusSeconds(1));
        assertThat(tokens.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void tokenVerifiedBefore_stillExpires() {
        String token = tokens.issue(session("alice", 'A')).value();
        assertThat(tokens.verify(token)).isPresent();
        assertThat(tokens.verify(token)).isPresent();

        clock.advance(TTL.plus(LEEWAY));

        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void tokenOfAnotherInstance_verifiesToNothing() {
        InstanceId other = InstanceId.random();
        TokenService otherTokens = newTokenService(clock, other);
        String token = otherTokens.issue(session("alice", 'A', other)).value();

        assertThat(otherTokens.verify(token)).isPresent();
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void tokenOfAnotherIssuer_verifiesToNothing() {
        Session session = session("alice", 'A');

        assertThat(tokens.verify(issuedBy(tokens, session, "couchgate"))).isPresent();
        assertThat(tokens.verify(issuedBy(tokens, session, "other"))).isEmpty();
        assertThat(tokens.verify(issuedBy(tokens, session, "Couchgate"))).isEmpty();
    }

    @Test
    void alteredToken_verifiesToNothing() {
        String token = tokens.issue(session("alice", 'A')).value();

        for (String altered : List.of(token + "x", "x" + token, token.substring(0, token.length() - 1),
                token.substring(1), token + " ", token.toUpperCase(java.util.Locale.ROOT))) {
            assertThat(tokens.verify(altered)).as(altered).isEmpty();
        }
        assertThat(tokens.verify(token)).isPresent();
    }

    @Test
    void noTokenOrGarbage_verifiesToNothing_withoutThrowing() {
        for (String garbage : Arrays.asList(null, "", " ", "garbage", "a.b.c", "...", "\u0000", "Bearer x")) {
            assertThat(tokens.verify(garbage)).as(String.valueOf(garbage)).isEmpty();
        }
    }

    private Session session(String name, char id) {
        return session(name, id, instance);
    }

    private Session session(String name, char id, InstanceId of) {
        SessionId sid = new SessionId(String.valueOf(id).repeat(22));
        return new Session(sid, Username.of(name), of, NOW, NOW.plus(TTL),
                new CouchCredentials("users/x/" + name + "/" + sid.value(), "pw"));
    }
}
