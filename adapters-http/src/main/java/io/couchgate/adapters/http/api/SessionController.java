package io.couchgate.adapters.http.api;

import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.application.port.in.LogOutUseCase;
import io.couchgate.domain.Session;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.InputStream;

/**
 * {@code /api/sessions}: login (flow 4), the current session, logout (flow 6) and logout everywhere.
 * Every route but login needs {@code Authorization: Bearer <token>}, checked by {@link BearerSessions}.
 */
@Controller("/api/sessions")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(ApiExecutorFactory.NAME)
final class SessionController {

    private final LogIns logIns;
    private final LogOutUseCase logOut;
    private final BearerSessions bearer;
    private final CredentialsBodyReader reader;
    private final ProblemResponses problems;

    SessionController(LogIns logIns, LogOutUseCase logOut, BearerSessions bearer, CredentialsBodyReader reader,
                      ProblemResponses problems) {
        this.logIns = logIns;
        this.logOut = logOut;
        this.bearer = bearer;
        this.reader = reader;
        this.problems = problems;
    }

    /**
     * @param request the request ({@code Content-Type: application/json}, at most 16 KiB)
     * @param body {@code {"username": "...", "password": "..."}}; null when empty
     * @return 201 {@code {"token","tokenType":"Bearer","expiresAt","username"}}
     */
    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<SessionCreatedResponse> logIn(HttpRequest<?> request, @Body @Nullable InputStream body) {
        CredentialsRequest credentials = reader.read(request, body);
        try {
            request.setAttribute(AuditLog.USER_ATTRIBUTE, AuditNames.of(credentials.username()));
            return HttpResponse.created(logIns.logIn(ClientAddress.of(request), credentials));
        } finally {
            credentials.wipe();
        }
    }

    /** @return 200 {@code {"username","expiresAt"}} of the bearer's session */
    @Get(value = "/current", produces = MediaType.APPLICATION_JSON)
    CurrentSessionResponse current(HttpRequest<?> request) {
        Session session = bearer.require(request);
        return new CurrentSessionResponse(session.username().value(), session.expiresAt().toString());
    }

    /** @return 204 once the bearer's session has ended */
    @Delete("/current")
    HttpResponse<Void> logOut(HttpRequest<?> request) {
        logOut.logOut(bearer.require(request).id());
        return HttpResponse.noContent();
    }

    /** @return 204 once every session of the bearer's user has ended */
    @Delete
    HttpResponse<Void> logOutEverywhere(HttpRequest<?> request) {
        logOut.logOutEverywhere(bearer.require(request).username());
        return HttpResponse.noContent();
    }

    @Error(exception = Throwable.class)
    HttpResponse<Problem> failed(Throwable failure) {
        return problems.from(failure);
    }
}
