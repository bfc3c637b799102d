package io.couchgate.adapters.http.api;

import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.PasswordHashingBusyException;
import io.couchgate.application.port.in.InvitationInvalidException;
import io.couchgate.application.port.in.SignUpClosedException;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InvalidUsernameException;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.WeakPasswordException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where every failure under {@code /api} becomes its HTTP status and RFC 9457 problem body.
 * Nothing of an unexpected exception (class names aside, in the log) reaches the client; no stack trace is logged.
 */
@Singleton
final class ProblemResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    /** What a client refused by a full {@code /api} executor is told to wait. */
    static final Duration EXECUTOR_FULL_RETRY_AFTER = Duration.ofSeconds(1);
    /**
     * What a client is told to wait when CouchDB failed (503 {@code couchdb-unavailable}; RFC 9110, section 10.2.3):
     * long enough for a restarted CouchDB, short enough for a blip.
     */
    static final Duration COUCHDB_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * @param request the request that failed, for the call a 406 names
     * @param failure what a controller threw, or Micronaut while routing to it
     * @return the problem response for it
     */
    MutableHttpResponse<Problem> from(HttpRequest<?> request, Throwable failure) {
        return failure instanceof NotAcceptableException e ? notAcceptable(request, e) : from(failure);
    }

    /**
     * @param request the refused request
     * @param refusal Micronaut's (or a controller's) refusal, with the types the call offers
     * @return 406 {@code not-acceptable} whose {@code detail} names the call and what it offers, e.g.
     *     {@code GET /api/openapi.yml offers application/yaml; the Accept header admits none of it}
     */
    static MutableHttpResponse<Problem> notAcceptable(HttpRequest<?> request, NotAcceptableException refusal) {
        return respond(Problem.of(ProblemType.NOT_ACCEPTABLE, request.getMethodName() + " " + request.getPath()
                + " offers " + String.join(", ", refusal.getProduceableContentTypes())
                + "; the Accept header admits none of it"));
    }

    /**
     * @param failure what a controller threw
     * @return the problem response for it
     */
    MutableHttpResponse<Problem> from(Throwable failure) {
        if (failure instanceof ApiException api) {
            return fromApi(api);
        }
        if (failure instanceof CouchDbException e) {
            LOG.warn("CouchDB failed: {}", e.getMessage());
            return respond(Problem.of(ProblemType.COUCHDB_UNAVAILABLE, "the database is unavailable; try again later"))
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(COUCHDB_RETRY_AFTER));
        }
        if (failure instanceof PasswordHashingBusyException e) {
            return busy("too many password checks at once; try again shortly", e.retryAfter());
        }
        if (failure instanceof RejectedExecutionException) {
            return busy("too many requests at once; try again shortly", EXECUTOR_FULL_RETRY_AFTER);
        }
        Problem problem = useCaseProblem(failure);
        if (problem != null) {
            return respond(problem);
        }
        return fromFramework(failure);
    }

    private static Problem useCaseProblem(Throwable failure) {
        if (failure instanceof InvalidUsernameException e) {
            return Problem.of(ProblemType.INVALID_USERNAME, e.getMessage());
        }
        if (failure instanceof WeakPasswordException e) {
            return Problem.of(ProblemType.WEAK_PASSWORD, e.getMessage(), e.suggestions());
        }
        if (failure instanceof UsernameTakenException) {
            return Problem.of(ProblemType.USERNAME_TAKEN, "an account with this username exists");
        }
        if (failure instanceof SignUpClosedException) {
            return Problem.of(ProblemType.SIGNUP_CLOSED, "signup is closed on this server");
        }
        if (failure instanceof InvitationInvalidException e) {
            return Problem.of(ProblemType.INVITATION_INVALID, e.getMessage());
        }
        if (failure instanceof InvalidCredentialsException) {
            return invalidCredentials();
        }
        return null;
    }

    /** Failures Micronaut raises itself while routing and binding a request to an {@code /api} controller. */
    private static MutableHttpResponse<Problem> fromFramework(Throwable failure) {
        if (failure instanceof NotAllowedException e) {
            return respond(Problem.of(ProblemType.METHOD_NOT_ALLOWED, "allowed: " + String.join(", ",
                    new TreeSet<>(e.getAllowedMethods())))).headers(h -> h.allowGeneric(e.getAllowedMethods()));
        }
        if (failure instanceof HttpStatusException e) {
            ProblemType type = ProblemType.forStatus(e.getStatus());
            return respond(Problem.of(type, type.title()));
        }
        if (failure instanceof UnsatisfiedRouteException) {
            return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "the request lacks a required part"));
        }
        LOG.error("Unexpected failure under /api: {}", failure.getClass().getName());
        return respond(Problem.of(ProblemType.INTERNAL_ERROR, "the server failed; try again later"));
    }

    /** @return the one body for a wrong password and an unknown user alike */
    static Problem invalidCredentials() {
        return Problem.of(ProblemType.INVALID_CREDENTIALS, "invalid username or password");
    }

    /**
     * @param problem the body
     * @return a response with the problem's status and {@code Content-Type: application/problem+json}
     */
    static MutableHttpResponse<Problem> respond(Problem problem) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .body(problem);
        response.contentType(Problem.MEDIA_TYPE);
        if (problem.type().equals(ProblemType.UNAUTHORIZED.uri())) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, ApiException.BEARER_CHALLENGE); // RFC 6750, section 3
        }
        return response;
    }

    /** 503 {@code server-busy}: nothing was done; RFC 9110, section 15.6.4 allows {@code Retry-After}. */
    private static MutableHttpResponse<Problem> busy(String detail, Duration retryAfter) {
        return respond(Problem.of(ProblemType.SERVER_BUSY, detail))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
    }

    private static MutableHttpResponse<Problem> fromApi(ApiException api) {
        MutableHttpResponse<Problem> response = respond(Problem.of(api.type(), api.getMessage()));
        api.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(wait)));
        api.challenge().ifPresent(challenge -> response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge));
        return response;
    }

    /** RFC 9110, section 10.2.3: delay-seconds, a non-negative integer; rounded up so a retry is never early. */
    private static String retryAfterSeconds(Duration wait) {
        long millis = Math.max(wait.toMillis(), 1);
        return Long.toString((millis + 999) / 1000);
    }
}
