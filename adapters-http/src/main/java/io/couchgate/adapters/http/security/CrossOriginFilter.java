package io.couchgate.adapters.http.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * Applies {@link CorsPolicy} to {@code /api} and {@code /database}. Ordered right after
 * {@link SecurityHeadersFilter} and before everything else (Micronaut's own {@code CorsFilter}, micronaut-security,
 * the {@code /database} proxy at {@code ServerFilterPhase.SECURITY.before()}), so a preflight is answered here:
 * without a token, never forwarded to CouchDB. A refused preflight gets 403 with a body in its path's style: an
 * RFC 9457 problem under {@code /api}, CouchDB's {@code {"error":"forbidden","reason":...}} under {@code /database}.
 * Every other request goes on; on its way back its response (couchgate's own errors included) gets the policy's
 * headers, and under {@code /database} CouchDB's own {@code Access-Control-*} headers are dropped first.
 */
@Filter({"/api", "/api/**", "/database", "/database/**"})
final class CrossOriginFilter implements HttpServerFilter {

    /** The problem type of a refused preflight under {@code /api} (same base URI as the api package's types). */
    static final String PROBLEM_TYPE = "/problems/cors-refused";
    static final String PROBLEM_TITLE = "Cross-origin request refused";

    private final CorsPolicy policy;

    /** @param policy the policy ({@link CorsPolicyFactory}) */
    CrossOriginFilter(CorsPolicy policy) {
        this.policy = policy;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        HttpHeaders headers = request.getHeaders();
        String origin = headers.get(HttpHeaders.ORIGIN);
        String requestMethod = headers.get(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        boolean database = isDatabase(request.getPath());
        if (CorsPolicy.isPreflight(request.getMethodName(), origin, requestMethod)) {
            return Publishers.just(answer(database, policy.preflight(origin, requestMethod,
                    headers.getAll(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS))));
        }
        return Publishers.map(chain.proceed(request), response -> {
            MutableHttpHeaders out = response.getHeaders();
            if (database) {
                List<String> upstream = out.names().stream().filter(CorsPolicy::isCorsResponseHeader).toList();
                upstream.forEach(out::remove);
            }
            policy.addResponseHeaders(origin, out::add);
            return response;
        });
    }

    private static boolean isDatabase(String path) {
        return path.equals("/database") || path.startsWith("/database/");
    }

    private static MutableHttpResponse<?> answer(boolean database, CorsPolicy.Preflight preflight) {
        MutableHttpResponse<?> response = preflight.allowed() ? HttpResponse.noContent()
                : refusal(database, preflight.reason());
        preflight.headers().forEach(response::header);
        return response;
    }

    /** The reason is a constant of {@link CorsPolicy}: no escaping needed. */
    private static MutableHttpResponse<?> refusal(boolean database, String reason) {
        String body;
        String type;
        if (database) {
            body = "{\"error\":\"forbidden\",\"reason\":\"" + reason + "\"}";
            type = MediaType.APPLICATION_JSON;
        } else {
            body = "{\"type\":\"" + PROBLEM_TYPE + "\",\"title\":\"" + PROBLEM_TITLE + "\",\"status\":403,"
                    + "\"detail\":\"" + reason + "\"}";
            type = "application/problem+json";
        }
        return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(type)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
