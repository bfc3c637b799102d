package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.http.api.ClientAddresses;
import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.adapters.http.security.BearerAuthorization;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.domain.Session;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Writes the {@code database-refused} audit entry ({@link AuditLog#recordDatabaseRefusal}) of every {@code /database}
 * request couchgate refuses itself: in {@link DatabaseProxyFilter} (token, path rules, query, {@code _local}), in a
 * relayed exchange (a session whose CouchDB user vanished) and, through {@link #refusedHead}, for a request head
 * refused below Micronaut (414, 431, 400). Only refusals cost anything: an admitted request never comes here.
 * Never logs a token or an {@code Authorization} header: only the username of a live session is taken from it.
 */
@Singleton
@Requires(beans = DatabaseProxySettings.class)
public final class DatabaseRefusalAudit {

    private final AuditLog audit;
    private final ClientAddresses clients;
    private final ResolveDatabaseCredentialsUseCase sessions;

    DatabaseRefusalAudit(AuditLog audit, ClientAddresses clients, ResolveDatabaseCredentialsUseCase sessions) {
        this.audit = audit;
        this.clients = clients;
        this.sessions = sessions;
    }

    /**
     * @param request the refused request
     * @param session its session, or null when none is known
     * @param response couchgate's refusal
     * @return the same refusal
     */
    MutableHttpResponse<?> refused(HttpRequest<?> request, Session session, MutableHttpResponse<?> response) {
        audit.recordDatabaseRefusal(session == null ? null : session.username().value(), clients.of(request),
                response.code(), request.getMethodName(), request.getUri().getRawPath());
        return response;
    }

    /**
     * @param peer the TCP peer of a relayed exchange
     * @param head its request head
     * @param session its session
     * @param status the refusal's status
     */
    void refused(InetSocketAddress peer, io.netty.handler.codec.http.HttpRequest head, Session session, int status) {
        audit.recordDatabaseRefusal(session.username().value(), clients.of(peer, head.headers()::getAll), status,
                head.method().name(), head.uri());
    }

    /**
     * A request head under {@code /database} that couchgate refused before Micronaut saw it. The user is named when
     * the headers read so far carry the token of a session this instance knows without I/O.
     *
     * @param peer the TCP peer
     * @param head the head as decoded (perhaps only in part)
     * @param status the refusal's status
     * @param method the request method as received
     * @param target the request target as received (perhaps cut off)
     */
    public void refusedHead(InetSocketAddress peer, io.netty.handler.codec.http.HttpRequest head, int status,
                            String method, String target) {
        HttpHeaders headers = head.headers();
        String user = BearerAuthorization.of(headers.getAll(HttpHeaderNames.AUTHORIZATION)).token()
                .flatMap(this::knownSession).map(session -> session.username().value()).orElse(null);
        audit.recordDatabaseRefusal(user, clients.of(peer, headers::getAll), status, method, target);
    }

    private Optional<Session> knownSession(String token) {
        try {
            return sessions.resolveWithoutWaiting(token).flatMap(known -> known);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
