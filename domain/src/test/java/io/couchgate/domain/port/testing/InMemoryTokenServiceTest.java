package io.couchgate.domain.port.testing;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.TokenService;

/** The fake token service keeps the token contract (the real one's: adapters-http's {@code JwtTokenService}). */
class InMemoryTokenServiceTest extends TokenServiceContract {

    @Override
    protected TokenService newTokenService(Clock clock, InstanceId instance) {
        return new InMemoryTokenService(clock, instance);
    }

    @Override
    protected String issuedBy(TokenService service, Session session, String issuer) {
        return ((InMemoryTokenService) service).forge(new TokenClaims(session.username(), session.id(),
                session.instanceId(), session.issuedAt(), session.expiresAt()), issuer).value();
    }
}
