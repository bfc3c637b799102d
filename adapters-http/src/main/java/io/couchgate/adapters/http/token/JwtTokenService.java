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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
 * <p>A token is verified only in the JWS Compact Serialization exactly (RFC 7515, section 7.1): three base64url
 * segments ({@code [A-Za-z0-9_-]+}, no padding, RFC 7515 section 2) joined by dots, each the canonical encoding of
 * its bytes (RFC 4648, section 3.5: no stray trailing bits). Nimbus decodes base64url leniently (it skips characters
 * outside the alphabet), so without this check a valid token with bytes appended or spaces inside was accepted.
 *
 * <p>A token that passed is remembered (up to {@link #MAX_REMEMBERED}), and the same string again is answered from
 * memory after its {@code exp} is checked once more: the signature check was a fifth of the proxy's CPU per request
 * (JFR, docs/benchmarks.md). Whether the session still exists is not this service's question: callers look the
 * session up in the {@code SessionStore} on every request.
 *
 * <p>Claims: {@code iss} {@value TokenClaimNames#ISSUER}, {@code sub} the username, {@code sid} and {@code jti} the
 * session id, {@code iid} the instance id, {@code iat} and {@code exp} from the session (seconds since the epoch).
 */
public final class JwtTokenService implements TokenService {

    /** Verified tokens remembered at most (each about 0.5 KiB with its claims). */
    static final int MAX_REMEMBERED = 16_384;
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretSignature signature;
    private final InstanceId instanceId;
    private final TokenClaimsReader reader;
    private final int maxRemembered;
    /** Verified tokens and their claims: a repeat costs a map look-up and the {@code exp} check, not an HMAC. */
    private final Map<String, TokenClaims> verified = new ConcurrentHashMap<>();

    /**
     * @param secret the HS256 key ({@code Secrets.jwtSecret()}), at least 32 bytes; copied
     * @param instanceId this couchgate run; tokens of other runs fail verification
     * @param clock the time used for the {@code exp} check
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public JwtTokenService(byte[] secret, InstanceId instanceId, Clock clock) {
        this(secret, instanceId, clock, MAX_REMEMBERED);
    }

    /**
     * As {@link #JwtTokenService(byte[], InstanceId, Clock)}, remembering at most {@code maxRemembered} tokens (tests
     * fill a small memory instead of 16,384 HMACs).
     */
    JwtTokenService(byte[] secret, InstanceId instanceId, Clock clock, int maxRemembered) {
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
        this.maxRemembered = maxRemembered;
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

    /**
     * @param token the token as received, e.g. the text after {@code Bearer } (may be {@code null})
     * @return the claims of a well-formed HS256 token of this instance with a valid signature and claims, else empty
     *     (never throws for bad input)
     */
    @Override
    public Optional<TokenClaims> verify(String token) {
        TokenClaims known = token == null ? null : verified.get(token);
        if (known != null) {
            if (reader.isLive(known)) {
                return Optional.of(known);
            }
            verified.remove(token, known);
            return Optional.empty();
        }
        Optional<TokenClaims> claims = verifyUncached(token);
        claims.ifPresent(value -> remember(token, value));
        return claims;
    }

    private Optional<TokenClaims> verifyUncached(String token) {
        if (!isCompactJws(token)) {
            return Optional.empty();
        }
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

    /**
     * Keeps a verified token's claims. Only tokens whose signature and claims passed get in, so the cache cannot be
     * filled by forged tokens; when it is full it starts again empty (a miss costs one more verification).
     */
    private void remember(String token, TokenClaims claims) {
        if (verified.size() >= maxRemembered) {
            verified.clear();
        }
        verified.put(token, claims);
    }

    /** @return how many verified tokens are remembered (for tests) */
    int rememberedCount() {
        return verified.size();
    }

    /** Three canonical, unpadded base64url segments joined by dots, and nothing else (RFC 7515, section 7.1). */
    private static boolean isCompactJws(String token) {
        if (token == null || !COMPACT_JWS.matcher(token).matches()) {
            return false;
        }
        for (String segment : token.split("\\.")) {
            try {
                if (!ENCODER.encodeToString(DECODER.decode(segment)).equals(segment)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }
}
