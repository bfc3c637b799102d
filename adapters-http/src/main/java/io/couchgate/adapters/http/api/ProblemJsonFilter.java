package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;

/**
 * Turns error responses under {@code /api} that no controller made, such as Micronaut's own 404 for an unknown
 * path, into RFC 9457 problems, so every {@code /api} error has one format. Responses that are problems already,
 * and every success, pass unchanged.
 */
@ServerFilter("/api/**")
final class ProblemJsonFilter {

    /**
     * @param request the request
     * @param response the response about to be sent
     */
    @ResponseFilter
    void toProblem(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || isProblem(response.getContentType())) {
            return;
        }
        ProblemType type = ProblemType.forStatus(response.status());
        Problem problem = new Problem(type.uri(), type.title(), response.code(), type.title(), null);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> mutable = (MutableHttpResponse<Object>) response;
        mutable.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static boolean isProblem(Optional<MediaType> contentType) {
        return contentType.map(type -> type.toString().startsWith(Problem.MEDIA_TYPE)).orElse(false);
    }
}
