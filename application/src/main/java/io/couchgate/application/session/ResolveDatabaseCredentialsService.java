package io.couchgate.application.session;

import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.TokenService;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a bearer token into its live session (architecture flow 5): a valid signature is not enough, the session
 * must still be kept (not logged out or reaped), belong to the token's subject and this instance, and not be
 * expired by this service's clock.
 */
public final class ResolveDatabaseCredentialsService implements ResolveDatabaseCredentialsUseCase {

    private final TokenService tokens;
    private final SessionStore store;
    private final InstanceId instanceId;
    private final Clock clock;

    /**
     * @param tokens verifies the token
     * @param store where live sessions are kept
     * @param instanceId this run of couchgate
     * @param clock the current time
     */
    public ResolveDatabaseCredentialsService(TokenService tokens, SessionStore store, InstanceId instanceId,
                                             Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.store = Objects.requireNonNull(store, "store");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Session> resolve(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            return Optional.empty();
        }
        return tokens.verify(bearerToken)
                .filter(claims -> instanceId.equals(claims.instanceId()))
                .flatMap(this::liveSession);
    }

    @Override
    public Optional<Optional<Session>> resolveWithoutWaiting(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        Optional<TokenClaims> claims = tokens.verify(bearerToken)
                .filter(verified -> instanceId.equals(verified.instanceId()));
        if (claims.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        return store.findWithoutWaiting(claims.get().sessionId()).map(found -> live(found, claims.get()));
    }

    private Optional<Session> liveSession(TokenClaims claims) {
        return live(store.find(claims.sessionId()), claims);
    }

    private Optional<Session> live(Optional<Session> found, TokenClaims claims) {
        return found
                .filter(session -> session.username().equals(claims.subject()))
                .filter(session -> session.instanceId().equals(instanceId))
                .filter(session -> !session.isExpiredAt(clock.now()));
    }
}
