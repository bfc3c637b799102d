package io.couchgate.domain.port.testing;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.Session;
import io.couchgate.domain.TokenClaims;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.TokenService;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TokenService} without cryptography: a token is {@code fake-token-<n>} and stands for the claims it was
 * issued with. {@link #verify} checks what the real one (adapters-http's {@code JwtTokenService}) checks besides the
 * signature: known token, {@code iss} equal to {@link #ISSUER} (tokens {@link #forge(TokenClaims, String) forged}
 * with another issuer fail), {@code exp} against the clock with the same {@link #LEEWAY} (RFC 7519, section
 * 4.1.4), {@code iid} equal to the instance this token service was made for (which need not be the instance of the
 * service using it: that is how tests reach a use case's own instance checks). {@code TokenServiceContract} holds
 * it and the real one to the same rules. Thread-safe.
 */
public final class InMemoryTokenService implements TokenService {

    /** The real token service's tolerance for clock skew on {@code exp}: 60 s. */
    public static final Duration LEEWAY = Duration.ofSeconds(60);
    /** The issuer ({@code iss}) the real token service writes and accepts alone. */
    public static final String ISSUER = "couchgate";

    private final Clock clock;
    private final InstanceId instanceId;
    private final Map<String, Forged> issued = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    /**
     * @param clock decides expiry
     * @param instanceId this instance; tokens of others do not verify
     */
    public InMemoryTokenService(Clock clock, InstanceId instanceId) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    }

    @Override
    public IssuedToken issue(Session session) {
        return forge(new TokenClaims(session.username(), session.id(), session.instanceId(), session.issuedAt(),
                session.expiresAt()));
    }

    /**
     * @param claims any claims, e.g. of another instance
     * @return a token that stands for them
     */
    public IssuedToken forge(TokenClaims claims) {
        return forge(claims, ISSUER);
    }

    /**
     * @param claims any claims, e.g. of another instance
     * @param issuer the {@code iss} the token names; one other than {@link #ISSUER} never verifies
     * @return a token that stands for them
     */
    public IssuedToken forge(TokenClaims claims, String issuer) {
        String value = "fake-token-" + counter.incrementAndGet();
        issued.put(value, new Forged(claims, issuer));
        return new IssuedToken(value, claims.expiresAt());
    }

    @Override
    public Optional<TokenClaims> verify(String token) {
        return Optional.ofNullable(token).map(issued::get)
                .filter(forged -> ISSUER.equals(forged.issuer()))
                .map(Forged::claims)
                .filter(claims -> clock.now().isBefore(claims.expiresAt().plus(LEEWAY)))
                .filter(claims -> claims.instanceId().equals(instanceId));
    }

    /** A token's claims and the issuer it names. */
    private record Forged(TokenClaims claims, String issuer) {
    }

    /** @return how many tokens were issued or forged */
    public long issuedCount() {
        return counter.get();
    }
}
