package io.couchgate.adapters.http.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.Session;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.TokenService;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * Session tokens as HS256-signed JWTs (RFC 7519; HS256 per RFC 7518, section 3.2).
 *
 * <p>Signing and the signature check are micronaut-security-jwt's {@link SecretSignature} (Nimbus JOSE+JWT's
 * {@code MACSigner}/{@code MACVerifier} underneath), built here from the runtime secret rather than from
 * configuration properties, because the key comes from the secrets file, not from {@code application.yml}.
 * The claim checks are done here rather than with micronaut-security's {@code JwtValidator}, whose expiry check
 * reads the system time and cannot use the injected {@link Clock}; the algorithm check is done here too, since
 * {@code SecretSignature} accepts every HMAC algorithm (HS384, HS512) and this service accepts HS256 alone.
 *
 * <p>Claims: {@code iss} {@value TokenClaimNames#ISSUER}, {@code sub} the username, {@code sid} and {@code jti} the
 * session id, {@code iid} the instance id, {@code iat} and {@code exp} from the session (seconds since the epoch).
 */
public final class JwtTokenService implements TokenService {

    private final SecretSignature signature;
    private final InstanceId instanceId;
    private final TokenClaimsReader reader;

    /**
     * @param secret the HS256 key ({@code Secrets.jwtSecret()}), at least 32 bytes; copied
     * @param instanceId this couchgate run; tokens of other runs fail verification
     * @param clock the time used for the {@code exp} check
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public JwtTokenService(byte[] secret, InstanceId instanceId, Clock clock) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("HS256 key must be at least 32 bytes");
        }
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("couchgate");
        configuration.setBase64(true);
        configuration.setSecret(Base64.getEncoder().encodeToString(secret));
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        this.signature = new SecretSignature(configuration);
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.reader = new TokenClaimsReader(instanceId, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public IssuedToken issue(Session session) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaimNames.ISSUER)
                .subject(session.username().value())
                .claim(TokenClaimNames.SESSION_ID, session.id().value())
                .claim(TokenClaimNames.INSTANCE_ID, instanceId.toString())
                .issueTime(Date.from(session.issuedAt()))
                .expirationTime(Date.from(session.expiresAt()))
                .jwtID(session.id().value())
                .build();
        try {
            return new IssuedToken(signature.sign(claims).serialize(), session.expiresAt());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
    }

    @Override
    public Optional<TokenClaims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !signature.verify(jwt)) {
                return Optional.empty();
            }
            return reader.read(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
