package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.HttpStatusHandler;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import jakarta.inject.Singleton;

/**
 * Micronaut's 406 (the {@code Accept} header admits none of a route's media types, RFC 9110, section 15.5.7) under
 * {@code /api}: a {@code not-acceptable} problem whose {@code detail} names what the resource offers, e.g.
 * {@code GET /api/openapi.yml offers application/yaml; the Accept header admits none of it}. Elsewhere Micronaut's
 * own answer.
 */
@Produces
@Singleton
final class NotAcceptableHandler implements ExceptionHandler<NotAcceptableException, HttpResponse<?>> {

    private final HttpStatusHandler fallback;

    NotAcceptableHandler(HttpStatusHandler fallback) {
        this.fallback = fallback;
    }

    /**
     * @param request the refused request
     * @param refusal what Micronaut found: the types the route produces
     * @return 406 {@code application/problem+json} under {@code /api}; Micronaut's answer elsewhere
     */
    @Override
    public HttpResponse<?> handle(HttpRequest request, NotAcceptableException refusal) {
        if (!request.getPath().startsWith("/api/")) {
            return fallback.handle(request, refusal);
        }
        return ProblemResponses.notAcceptable(request, refusal);
    }
}
