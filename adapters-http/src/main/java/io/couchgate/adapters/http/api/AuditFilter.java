package io.couchgate.adapters.http.api;

import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.application.port.out.Metrics;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Writes one {@link AuditLog} entry per account and session call under {@code /api}, once its answer is known:
 * signup ({@code PUT /api/users}), login ({@code PUT /api/sessions}), logout ({@code DELETE /api/sessions/current}),
 * logout everywhere ({@code DELETE /api/sessions}), password change ({@code PUT /api/users/current/password}) and
 * account deletion ({@code DELETE /api/users/current}). The outcome comes from the status: 2xx {@code ok}, 401
 * {@code failed}, 429 {@code throttled}, 503 {@code busy} or {@code unavailable} (the problem type), other 4xx
 * {@code refused}; the user from {@link AuditLog#USER_ATTRIBUTE}, which the controllers set as soon as they know it.
 * Other calls ({@code GET /api/sessions/current}) are not audited. Signups and logins are also counted by outcome
 * ({@link Metrics#accountCall}).
 */
@ServerFilter("/api/**")
final class AuditFilter {

    private final AuditLog audit;
    private final Metrics metrics;

    AuditFilter(AuditLog audit, Metrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * @param request the request
     * @param response its answer
     */
    @ResponseFilter
    void audit(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String event = event(request.getMethod(), request.getPath());
        if (event == null) {
            return;
        }
        int status = response.code();
        String problem = response.getBody(Problem.class).map(Problem::type).map(AuditFilter::kind).orElse(null);
        String user = request.getAttribute(AuditLog.USER_ATTRIBUTE, String.class).orElse(null);
        String outcome = outcome(status, problem);
        audit.record(event, outcome, user, ClientAddress.of(request), status >= 400 ? problem : null);
        metrics.accountCall(event, outcome);
    }

    private static String event(HttpMethod method, String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return switch (method + " " + trimmed) {
            case "PUT /api/users" -> "signup";
            case "PUT /api/sessions" -> "login";
            case "DELETE /api/sessions/current" -> "logout";
            case "DELETE /api/sessions" -> "logout-everywhere";
            case "PUT /api/users/current/password" -> "password-change";
            case "DELETE /api/users/current" -> "account-deletion";
            default -> null;
        };
    }

    private static String outcome(int status, String problem) {
        if (status < 400) {
            return "ok";
        }
        return switch (status) {
            case 401 -> "failed";
            case 429 -> "throttled";
            case 503 -> "server-busy".equals(problem) ? "busy" : "unavailable";
            default -> "refused";
        };
    }

    /** @return the last segment of a problem type URI, e.g. {@code weak-password} */
    private static String kind(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }
}
