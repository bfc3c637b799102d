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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
     * @return 201 {@code {"token","tokenType":"Bearer","expiresAt","username","passwordChangeRequired"}}
     */
    @Operation(summary = "Log in")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.Credentials.class)))
    @ApiResponse(responseCode = "201", description = "a new session and its token; passwordChangeRequired true after "
            + "a login with a one-time password (the session may then only change it, log out or delete the account)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionCreatedResponse.class)))
    @ApiResponse(responseCode = "400", description = "malformed-request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "invalid-credentials: the same body for an unknown user and a "
            + "wrong password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "too-many-requests, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "server-busy or couchdb-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<SessionCreatedResponse> logIn(HttpRequest<?> request,
                                               @Body @Nullable @Parameter(hidden = true) InputStream body) {
        CredentialsRequest credentials = reader.read(request, body);
        try {
            request.setAttribute(AuditLog.USER_ATTRIBUTE, AuditNames.of(credentials.username()));
            return HttpResponse.created(logIns.logIn(ClientAddress.of(request), credentials));
        } finally {
            credentials.wipe();
        }
    }

    /** @return 200 {@code {"username","expiresAt","passwordChangeRequired"}} of the bearer's session */
    @Operation(summary = "The bearer's session", security = @SecurityRequirement(name = ApiDocs.BEARER))
    @ApiResponse(responseCode = "200", description = "the session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CurrentSessionResponse.class)))
    @ApiResponse(responseCode = "401", description = "unauthorized: no, bad or ended token (WWW-Authenticate: Bearer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "couchdb-unavailable (durable session mode), with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get(value = "/current", produces = MediaType.APPLICATION_JSON)
    CurrentSessionResponse current(HttpRequest<?> request) {
        Session session = bearer.requireEvenIfChangeRequired(request);
        return new CurrentSessionResponse(session.username().value(), session.expiresAt().toString(),
                session.passwordChangeRequired());
    }

    /** @return 204 once the bearer's session has ended */
    @Operation(summary = "Log out: this session ends", security = @SecurityRequirement(name = ApiDocs.BEARER))
    @ApiResponse(responseCode = "204", description = "the session has ended")
    @ApiResponse(responseCode = "401", description = "unauthorized: no, bad or ended token (WWW-Authenticate: Bearer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "couchdb-unavailable, with Retry-After (sessions not ended stay)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/current")
    HttpResponse<Void> logOut(HttpRequest<?> request) {
        logOut.logOut(bearer.requireEvenIfChangeRequired(request).id());
        return HttpResponse.noContent();
    }

    /** @return 204 once every session of the bearer's user has ended */
    @Operation(summary = "Log out everywhere: every session of the user ends",
            security = @SecurityRequirement(name = ApiDocs.BEARER))
    @ApiResponse(responseCode = "204", description = "every session of the user has ended")
    @ApiResponse(responseCode = "401", description = "unauthorized: no, bad or ended token (WWW-Authenticate: Bearer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "password-change-required: the session was opened with a "
            + "one-time password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "couchdb-unavailable, with Retry-After (sessions not ended stay)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete
    HttpResponse<Void> logOutEverywhere(HttpRequest<?> request) {
        logOut.logOutEverywhere(bearer.require(request).username());
        return HttpResponse.noContent();
    }

    @Error(exception = Throwable.class)
    HttpResponse<Problem> failed(HttpRequest<?> request, Throwable failure) {
        return problems.from(request, failure);
    }
}
