package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.http.security.BearerAuthorization;
import io.couchgate.adapters.http.security.CorsPolicy;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.domain.Session;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Optional;

/**
 * Decides, from a request head alone and without I/O, whether the relay ({@link DatabaseRelayHandler}) serves a
 * request: exactly those that {@link DatabaseProxyFilter} would pass every check for and then forward without
 * looking at the body, minus {@code _changes}. The checks are the filter's, in its order (bearer token, live
 * session that needs no password change, query, path rules, {@code _local} routes, body inspection). Whatever fails
 * a check, needs I/O to decide (a durable session not cached here), or is a CORS preflight goes to Micronaut, whose
 * filters then give the very same answer they give today; so couchgate's own refusals have a single source.
 */
final class RelayAdmission {

    private final ResolveDatabaseCredentialsUseCase sessions;
    private final DatabasePathRules rules;
    private final long maxRequestSize;

    /**
     * @param sessions resolves bearer tokens (only {@code resolveWithoutWaiting} is called)
     * @param rules the path rules of the proxy
     * @param maxRequestSize {@code micronaut.server.max-request-size} in bytes: a larger declared body goes to
     *     Micronaut, which answers 413
     */
    RelayAdmission(ResolveDatabaseCredentialsUseCase sessions, DatabasePathRules rules, long maxRequestSize) {
        this.sessions = sessions;
        this.rules = rules;
        this.maxRequestSize = maxRequestSize;
    }

    /**
     * @param request a decoded request head
     * @return what the relay needs to forward it, or empty when Micronaut must handle it
     */
    Optional<Exchange> admit(HttpRequest request) {
        String target = request.uri();
        if (!request.decoderResult().isSuccess() || !underMount(target) || !printableAscii(target)
                || !framingRelayable(request)) {
            return Optional.empty();
        }
        HttpHeaders headers = request.headers();
        String method = request.method().name();
        if (CorsPolicy.isPreflight(method, headers.get(HttpHeaderNames.ORIGIN),
                headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD))) {
            return Optional.empty();
        }
        Optional<String> token = BearerAuthorization.of(headers.getAll(HttpHeaderNames.AUTHORIZATION)).token();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Session> session = sessions.resolveWithoutWaiting(token.get()).flatMap(known -> known);
        if (session.isEmpty() || session.get().passwordChangeRequired()) {
            return Optional.empty();
        }
        int mark = target.indexOf('?');
        String rawPath = mark < 0 ? target : target.substring(0, mark);
        Optional<ParsedQuery> query = ParsedQuery.parse(mark < 0 ? null : target.substring(mark + 1));
        if (query.isEmpty() || query.get().repeated(DatabaseProxyFilter.UNAMBIGUOUS).isPresent()) {
            return Optional.empty();
        }
        Optional<String> path = rules.upstreamPath(method, rawPath, query.get(),
                headers.getAll("Destination"));
        if (path.isEmpty() || LocalDocuments.namesLocal(path.get())
                || LocalIdGuard.queryNamesLocal(path.get(), query.get())
                || LocalIdGuard.inspectsBody(method, path.get()) || DatabasePathRules.isChanges(path.get())) {
            return Optional.empty();
        }
        return Optional.of(new Exchange(token.get(), session.get(), path.get(), query.get()));
    }

    /** @return whether the origin-form {@code target} is {@code /database} or below it */
    static boolean underMount(String target) {
        return target.equals(DatabasePathRules.MOUNT) || target.startsWith(DatabasePathRules.MOUNT + "/")
                || target.startsWith(DatabasePathRules.MOUNT + "?");
    }

    /**
     * The target goes upstream byte for byte, so it must be one: visible ASCII (RFC 9112, section 3.2, and the
     * raw {@code "}, {@code [}, {@code ]}, {@code {}, {@code }}, {@code |} that CouchDB accepts in a query).
     */
    private static boolean printableAscii(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * A body the relay can stream as it came: no {@code Expect} but {@code 100-continue}, and a declared length
     * within the server's request size limit.
     */
    private boolean framingRelayable(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpUtil.is100ContinueExpected(request)) {
            return false;
        }
        return HttpUtil.getContentLength(request, 0L) <= maxRequestSize;
    }
}
