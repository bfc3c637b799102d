package io.couchgate.adapters.http.token;

import com.nimbusds.jwt.JWTClaimsSet;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.Clock;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/** Checks the claims of a token whose signature is already verified, and turns them into {@link TokenClaims}. */
final class TokenClaimsReader {

    /** Tolerated clock skew for {@code exp} (RFC 7519, section 4.1.4 allows "a small leeway"). */
    static final Duration LEEWAY = Duration.ofSeconds(60);

    private final InstanceId instanceId;
    private final Clock clock;

    TokenClaimsReader(InstanceId instanceId, Clock clock) {
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /**
     * @param claims the verified claims
     * @return the claims, or empty when {@code iss}, {@code iid}, {@code exp} (plus {@link #LEEWAY}), or
     *         {@code jti} = {@code sid} fails, or a required claim is missing
     * @throws ParseException if a claim has the wrong JSON type
     * @throws IllegalArgumentException if {@code sub} is not a normalised username, or {@code sid} or {@code iid}
     *         is malformed
     */
    Optional<TokenClaims> read(JWTClaimsSet claims) throws ParseException {
        Optional<TokenClaims> read = readClaims(claims);
        return read.filter(this::isLive);
    }

    /**
     * @param claims claims this reader accepted earlier
     * @return whether they are still within {@code exp} plus {@link #LEEWAY}
     */
    boolean isLive(TokenClaims claims) {
        return clock.now().isBefore(claims.expiresAt().plus(LEEWAY));
    }

    private Optional<TokenClaims> readClaims(JWTClaimsSet claims) throws ParseException {
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        String iid = claims.getStringClaim(TokenClaimNames.INSTANCE_ID);
        if (exp == null || iat == null || iid == null
                || !TokenClaimNames.ISSUER.equals(claims.getIssuer())
                || !instanceId.equals(InstanceId.parse(iid))
                || !clock.now().isBefore(exp.toInstant().plus(LEEWAY))) {
            return Optional.empty();
        }
        Username subject = new Username(claims.getSubject());
        SessionId sessionId = new SessionId(claims.getStringClaim(TokenClaimNames.SESSION_ID));
        if (!sessionId.value().equals(claims.getJWTID())) {
            return Optional.empty();
        }
        return Optional.of(new TokenClaims(subject, sessionId, instanceId, iat.toInstant(), exp.toInstant()));
    }
}
