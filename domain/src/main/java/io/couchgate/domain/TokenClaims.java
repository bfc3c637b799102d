package io.couchgate.domain;

import java.time.Instant;

/**
 * The claims of a verified session token (RFC 7519, section 4.1, plus couchgate's {@code sid} and {@code iid}).
 *
 * @param subject {@code sub}: the app user
 * @param sessionId {@code sid} (also {@code jti})
 * @param instanceId {@code iid}: the couchgate run that issued it
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record TokenClaims(Username subject, SessionId sessionId, InstanceId instanceId, Instant issuedAt,
                          Instant expiresAt) {
}
