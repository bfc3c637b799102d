package io.couchgate.adapters.http.api;

import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.adapters.http.security.BearerAuthorization;
import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.application.port.in.VanishedSessionOutcome;
import io.couchgate.domain.Session;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Authenticates {@code /api} requests by their {@code Authorization: Bearer <token>} header (RFC 6750, section 2.1,
 * read by {@link BearerAuthorization}, as under {@code /database}) through {@link ResolveDatabaseCredentialsUseCase}:
 * signature, expiry, instance and revocation in one call.
 * micronaut-security's filter is deliberately not used for this (see {@code SelfAuthenticatedPathsRule}).
 * A session opened with a one-time password ({@link Session#passwordChangeRequired()}) passes only
 * {@link #requireEvenIfChangeRequired}: the current session, the password change, logout and account deletion.
 * Such a session never reaches CouchDB, so CouchDB never tells that the admin CLI deleted its session user (how the
 * CLI ends a memory-mode session): each of its calls asks couchgate's admin whether that user still exists first.
 */
@Singleton
final class BearerSessions {

    private final ResolveDatabaseCredentialsUseCase resolver;
    private final DropVanishedSessionUseCase vanished;

    BearerSessions(ResolveDatabaseCredentialsUseCase resolver, DropVanishedSessionUseCase vanished) {
        this.resolver = resolver;
        this.vanished = vanished;
    }

    /**
     * @param request the request
     * @return the live session its token names (its username also becomes the request's
     *     {@link AuditLog#USER_ATTRIBUTE})
     * @throws ApiException {@code unauthorized} when the header is missing (a challenge without error code), or
     *     not one well-formed bearer credential ({@link BearerAuthorization}), or its token is invalid, expired or
     *     revoked (both with {@code error="invalid_token"}); {@code password-change-required} when the session was
     *     opened with a one-time password
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
     * @throws ApiException {@code unauthorized} when the header is missing or the token invalid, expired or revoked,
     *     or when the session must change its password and its CouchDB session user is gone (it is dropped then)
     * @throws io.couchgate.domain.CouchDbException when CouchDB cannot tell whether that user is still there
     */
    Session requireEvenIfChangeRequired(HttpRequest<?> request) {
        BearerAuthorization authorization =
                BearerAuthorization.of(request.getHeaders().getAll(HttpHeaders.AUTHORIZATION));
        String token = authorization.token().orElseThrow(() -> ApiException.unauthorized(!authorization.missing()));
        Session session = resolver.resolve(token).orElseThrow(() -> ApiException.unauthorized(true));
        if (session.passwordChangeRequired()
                && vanished.dropIfVanished(session) != VanishedSessionOutcome.USER_EXISTS) {
            throw ApiException.unauthorized(true);
        }
        request.setAttribute(AuditLog.USER_ATTRIBUTE, session.username().value());
        return session;
    }
}
