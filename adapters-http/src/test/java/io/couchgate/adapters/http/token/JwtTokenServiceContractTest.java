package io.couchgate.adapters.http.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.TokenService;
import io.couchgate.domain.port.testing.TokenServiceContract;
import java.text.ParseException;
import java.util.Arrays;

/** The JWT token service keeps the token contract the fake {@code InMemoryTokenService} keeps too. */
class JwtTokenServiceContractTest extends TokenServiceContract {

    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 3);
    }

    @Override
    protected TokenService newTokenService(Clock clock, InstanceId instance) {
        return new JwtTokenService(SECRET, instance, clock);
    }

    /** The service's own token with {@code iss} replaced, signed again with the service's key. */
    @Override
    protected String issuedBy(TokenService service, Session session, String issuer) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(service.issue(session).value()).getJWTClaimsSet();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder(claims).issuer(issuer).build());
            jwt.sign(new MACSigner(SECRET));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
