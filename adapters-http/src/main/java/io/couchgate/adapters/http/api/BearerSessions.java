package io.couchgate.adapters.http.api;

import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.adapters.http.security.BearerAuthorization;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.domain.Session;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Authenticates {@code /api} requests by their {@code Authorization: Bearer <token>} header (RFC 6750, section 2.1,
 * read by {@link BearerAuthorization}, as under {@code /database}) through {@link ResolveDatabaseCredentialsUseCase}:
 * signature, expiry, instance and revocation in one call.
 * micronaut-security's filter is deliberately not used for this (see {@code SelfAuthenticatedPathsRule}).
 */
@Singleton
final class BearerSessions {

    private final ResolveDatabaseCredentialsUseCase resolver;

    BearerSessions(ResolveDatabaseCredentialsUseCase resolver) {
        this.resolver = resolver;
    }

    /**
     * @param request the request
     * @return the live session its token names (its username also becomes the request's
     *     {@link AuditLog#USER_ATTRIBUTE})
     * @throws ApiException {@code unauthorized} when the header is missing (a challenge without error code), or
     *     not one well-formed bearer credential ({@link BearerAuthorization}), or its token is invalid, expired or
     *     revoked (both with {@code error="invalid_token"})
     */
    Session require(HttpRequest<?> request) {
        BearerAuthorization authorization =
                BearerAuthorization.of(request.getHeaders().getAll(HttpHeaders.AUTHORIZATION));
        String token = authorization.token().orElseThrow(() -> ApiException.unauthorized(!authorization.missing()));
        Session session = resolver.resolve(token).orElseThrow(() -> ApiException.unauthorized(true));
        request.setAttribute(AuditLog.USER_ATTRIBUTE, session.username().value());
        return session;
    }
}
