package io.couchgate.adapters.http.api;

import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.domain.Session;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Authenticates {@code /api} requests by their {@code Authorization: Bearer <token>} header (RFC 6750, section 2.1)
 * through {@link ResolveDatabaseCredentialsUseCase}: signature, expiry, instance and revocation in one call.
 * micronaut-security's filter is deliberately not used for this (see {@code SelfAuthenticatedPathsRule}).
 * A session opened with a one-time password ({@link Session#passwordChangeRequired()}) passes only
 * {@link #requireEvenIfChangeRequired}: the current session, the password change, logout and account deletion.
 */
@Singleton
final class BearerSessions {

    private static final String SCHEME = "Bearer ";

    private final ResolveDatabaseCredentialsUseCase resolver;

    BearerSessions(ResolveDatabaseCredentialsUseCase resolver) {
        this.resolver = resolver;
    }

    /**
     * @param request the request
     * @return the live session its token names (its username also becomes the request's
     *     {@link AuditLog#USER_ATTRIBUTE})
     * @throws ApiException {@code unauthorized} when the header is missing or the token invalid, expired or revoked;
     *     {@code password-change-required} when the session was opened with a one-time password
     */
    Session require(HttpRequest<?> request) {
        Session session = requireEvenIfChangeRequired(request);
        if (session.passwordChangeRequired()) {
            throw ApiException.passwordChangeRequired();
        }
        return session;
    }

    /**
     * {@link #require} for the few routes a session opened with a one-time password may call.
     *
     * @param request the request
     * @return the live session its token names, whether or not it must change its password first
     * @throws ApiException {@code unauthorized} when the header is missing or the token invalid, expired or revoked
     */
    Session requireEvenIfChangeRequired(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ApiException.unauthorized(false);
        }
        String token = header.substring(SCHEME.length()).trim();
        if (token.isEmpty()) {
            throw ApiException.unauthorized(false);
        }
        Session session = resolver.resolve(token).orElseThrow(() -> ApiException.unauthorized(true));
        request.setAttribute(AuditLog.USER_ATTRIBUTE, session.username().value());
        return session;
    }
}
