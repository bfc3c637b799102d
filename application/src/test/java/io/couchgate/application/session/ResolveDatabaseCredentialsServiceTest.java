package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.BOB;
import static io.couchgate.application.session.SessionFixture.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.InMemoryTokenService;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolveDatabaseCredentialsServiceTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    private final SessionFixture fixture = new SessionFixture();
    private final InMemoryTokenService tokens = new InMemoryTokenService(fixture.clock, INSTANCE);
    private final ResolveDatabaseCredentialsService service =
            new ResolveDatabaseCredentialsService(tokens, fixture.store, INSTANCE, fixture.clock);

    @Test
    void tokenOfALiveSession_resolvesToItsSessionAndCredentials() {
        Session session = fixture.open(ALICE, TTL);
        assertThat(service.resolve(tokens.issue(session).value())).contains(session);
    }

    @Test
    void withoutWaiting_givesTheSameAnswers_whenTheStoreKnowsThemFromMemory() {
        Session session = fixture.open(ALICE, TTL);
        String token = tokens.issue(session).value();
        assertThat(service.resolveWithoutWaiting(token)).contains(Optional.of(session));
        assertThat(service.resolveWithoutWaiting("not-a-token")).contains(Optional.empty());
        assertThat(service.resolveWithoutWaiting("")).contains(Optional.empty());
        fixture.store.remove(session.id());
        assertThat(service.resolveWithoutWaiting(token)).contains(Optional.empty());
    }

    @Test
    void withoutWaiting_leavesItToResolve_whenTheStoreNeedsIo_butRefusesABadTokenAtOnce() {
        Session session = fixture.open(ALICE, TTL);
        ResolveDatabaseCredentialsService overIo = new ResolveDatabaseCredentialsService(tokens,
                new ForwardingSessionStore(fixture.store) {
                    @Override
                    public Optional<Optional<Session>> findWithoutWaiting(
                            SessionId id) {
                        return Optional.empty();
                    }
                }, INSTANCE, fixture.clock);
        String token = tokens.issue(session).value();
        assertThat(overIo.resolveWithoutWaiting(token)).isEmpty();
        assertThat(overIo.resolve(token)).contains(session);
        String ofAnother = tokens.forge(claims(session, ALICE, InstanceId.random())).value();
        assertThat(overIo.resolveWithoutWaiting(ofAnother)).contains(Optional.empty());
    }

    @Test
    void tokenOfARevokedSession_resolvesToNothing() {
        Session session = fixture.open(ALICE, TTL);
        String token = tokens.issue(session).value();
        new LogOutService(fixture.directory, fixture.store, fixture.streams).logOut(session.id());
        assertThat(service.resolve(token)).isEmpty();
    }

    @Test
    void tokenOfAnotherInstance_resolvesToNothing() {
        Session session = fixture.open(ALICE, TTL);
        String token = tokens.forge(claims(session, ALICE, InstanceId.random())).value();
        assertThat(service.resolve(token)).isEmpty();
    }

    @Test
    void tokenThatATokenServiceOfAnotherInstanceAccepts_resolvesToNothing_onThisInstance() {
        // The token service follows the real contract (it accepts its own instance's tokens); the use case must
        // still refuse claims of an instance other than its own, here with a live session of this instance.
        InstanceId other = InstanceId.random();
        InMemoryTokenService othersTokens = new InMemoryTokenService(fixture.clock, other);
        ResolveDatabaseCredentialsService onThisInstance =
                new ResolveDatabaseCredentialsService(othersTokens, fixture.store, INSTANCE, fixture.clock);
        Session session = fixture.open(ALICE, TTL);
        String token = othersTokens.forge(claims(session, ALICE, other)).value();

        assertThat(othersTokens.verify(token)).isPresent();
        assertThat(onThisInstance.resolve(token)).isEmpty();
        assertThat(onThisInstance.resolveWithoutWaiting(token)).contains(Optional.empty());
    }

    @Test
    void sessionKeptForAnotherInstance_resolvesToNothing_evenWithATokenOfThisInstance() {
        // A store shared by instances (the durable mode) may hold another instance's session under the same id.
        Session theirs = ContractSessions.session(InstanceId.random(), ALICE, fixture.clock.now(),
                fixture.clock.now().plus(TTL));
        fixture.store.put(theirs);
        String token = tokens.forge(claims(theirs, ALICE, INSTANCE)).value();

        assertThat(tokens.verify(token)).isPresent();
        assertThat(service.resolve(token)).isEmpty();
        assertThat(service.resolveWithoutWaiting(token)).contains(Optional.empty());
    }

    @Test
    void tokenWhoseSubjectIsNotTheSessionsUser_resolvesToNothing() {
        Session session = fixture.open(ALICE, TTL);
        String token = tokens.forge(claims(session, BOB, INSTANCE)).value();
        assertThat(service.resolve(token)).isEmpty();
    }

    @Test
    void sessionExpiredByTheClock_resolvesToNothing_evenWhenTheTokenOutlivesIt() {
        Session session = fixture.open(ALICE, TTL);
        TokenClaims longer = new TokenClaims(ALICE, session.id(), INSTANCE, session.issuedAt(),
                session.expiresAt().plus(Duration.ofDays(1)));
        String token = tokens.forge(longer).value();

        fixture.clock.advance(TTL.minusMillis(1));
        assertThat(service.resolve(token)).contains(session);
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(service.resolve(token)).isEmpty();
    }

    @Test
    void missingOrUnknownTokens_resolveToNothing() {
        fixture.open(ALICE, TTL);
        assertThat(service.resolve(null)).isEmpty();
        assertThat(service.resolve("")).isEmpty();
        assertThat(service.resolve("not-a-token")).isEmpty();
    }

    private static TokenClaims claims(Session session, Username subject, InstanceId instance) {
        return new TokenClaims(subject, session.id(), instance, session.issuedAt(), session.expiresAt());
    }
}
