package io.couchgate.domain.port;

import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.Session;
import io.couchgate.domain.TokenClaims;
import java.util.Optional;

/** Issues and verifies signed session tokens (JWT, RFC 7519; HS256, RFC 7518). */
public interface TokenService {

    /**
     * @param session the session the token names
     * @return a token with {@code iss}, {@code sub}, {@code sid}, {@code iid}, {@code iat}, {@code exp}, {@code jti}
     */
    IssuedToken issue(Session session);

    /**
     * Checks algorithm (HS256 only), signature, {@code exp} (small leeway), {@code iss}, and that {@code iid} is
     * this instance's. Does not check whether the session was revoked.
     *
     * @param token the compact JWS
     * @return its claims, or empty when any check fails
     */
    Optional<TokenClaims> verify(String token);
}
