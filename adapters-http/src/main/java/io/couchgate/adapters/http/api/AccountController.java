package io.couchgate.adapters.http.api;

import io.couchgate.application.port.in.ChangePasswordCommand;
import io.couchgate.application.port.in.ChangePasswordUseCase;
import io.couchgate.application.port.in.DeleteAccountCommand;
import io.couchgate.application.port.in.DeleteAccountUseCase;
import io.couchgate.application.port.in.PasswordInput;
import io.couchgate.domain.Session;
import io.couchgate.domain.WeakPasswordException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
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
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/users/current}: the bearer's own account. Both routes need {@code Authorization: Bearer <token>}
 * ({@link BearerSessions}), re-verify the account's password (one Argon2id run in the bounded queue, whatever the
 * outcome) and are throttled as logins are ({@link AccountPasswordChecks}). In order: 503 {@code server-busy} when the
 * request waited too long for a thread, 401 {@code unauthorized} for a missing or dead token, 415/413/400 for the
 * body, 429 when throttled, then the use case: 401 {@code invalid-credentials} for a wrong password, 400
 * {@code weak-password} (with the rule) for a refused new password, 503 {@code server-busy} or
 * {@code couchdb-unavailable} with nothing half-done. Blocking: it runs on the bounded /api pool. Both routes also
 * serve a session opened with a one-time password (which may call nothing else of {@code /api} but its own session
 * and logout).
 */
@Controller("/api/users/current")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(ApiExecutorFactory.NAME)
final class AccountController {

    static final String CURRENT_PASSWORD = "currentPassword";
    static final String NEW_PASSWORD = "newPassword";
    static final String PASSWORD = "password";

    private final ChangePasswordUseCase changePassword;
    private final DeleteAccountUseCase deleteAccount;
    private final BearerSessions bearer;
    private final CredentialsBodyReader reader;
    private final AccountPasswordChecks checks;
    private final QueueWaitLimit queueWait;
    private final ProblemResponses problems;

    AccountController(ChangePasswordUseCase changePassword, DeleteAccountUseCase deleteAccount,
                      BearerSessions bearer, CredentialsBodyReader reader, AccountPasswordChecks checks,
                      QueueWaitLimit queueWait, ProblemResponses problems) {
        this.changePassword = changePassword;
        this.deleteAccount = deleteAccount;
        this.bearer = bearer;
        this.reader = reader;
        this.checks = checks;
        this.queueWait = queueWait;
        this.problems = problems;
    }

    /**
     * @param request the request ({@code Content-Type: application/json}, at most 16 KiB)
     * @param body {@code {"currentPassword": "...", "newPassword": "..."}}; null when empty
     * @return 204 once the new password holds and every other session of the user has ended (their open feeds
     *         too); the calling session stays open. From a session opened with a one-time password: 200
     *         {@code {"loginRequired":true}}, every session of the user has ended, the calling one too
     */
    @Operation(summary = "Change the password; every other session ends",
            security = @SecurityRequirement(name = ApiDocs.BEARER))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.PasswordChange.class)))
    @ApiResponse(responseCode = "200", description = "from a session opened with a one-time password: the new "
            + "password holds, every session of the user has ended, the calling one too; log in again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PasswordChangedResponse.class)))
    @ApiResponse(responseCode = "204", description = "the new password holds; every other session of the user has "
            + "ended")
    @ApiResponse(responseCode = "400", description = "weak-password (the rule it breaks, with advice; or the same as "
            + "the one-time password it replaces) or malformed-request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "invalid-credentials (wrong current password) or unauthorized "
            + "(bad token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = "payload-too-large: the body is over 16 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "unsupported-media-type: the body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "too-many-requests, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "server-busy or couchdb-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put(value = "/password", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> changePassword(HttpRequest<?> request,
                                   @Body @Nullable @Parameter(hidden = true) InputStream body) {
        queueWait.check();
        Session session = bearer.requireEvenIfChangeRequired(request);
        boolean oneTime = session.passwordChangeRequired();
        PasswordFields fields = reader.readPasswords(request, body, List.of(CURRENT_PASSWORD, NEW_PASSWORD));
        try {
            char[] current = fields.get(CURRENT_PASSWORD);
            char[] fresh = fields.get(NEW_PASSWORD);
            requireLength(fresh);
            checks.run(ClientAddress.of(request), session.username(), current, () -> changePassword.changePassword(
                    new ChangePasswordCommand(session.username(), session.id(), current, fresh, oneTime)));
            return oneTime ? HttpResponse.ok(new PasswordChangedResponse(true)) : HttpResponse.noContent();
        } finally {
            fields.wipe();
        }
    }

    /**
     * @param request the request ({@code Content-Type: application/json}, at most 16 KiB)
     * @param body {@code {"password": "..."}}; null when empty
     * @return 204 once every session of the user has ended and the account is gone (its documents stay)
     */
    @Operation(summary = "Delete the account; every session ends, its documents stay",
            security = @SecurityRequirement(name = ApiDocs.BEARER))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.PasswordConfirmation.class)))
    @ApiResponse(responseCode = "204", description = "the account is deleted and every session of the user has ended")
    @ApiResponse(responseCode = "400", description = "malformed-request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "invalid-credentials (wrong password) or unauthorized (bad token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = "payload-too-large: the body is over 16 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "unsupported-media-type: the body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "too-many-requests, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "server-busy or couchdb-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Void> deleteAccount(HttpRequest<?> request,
                                     @Body @Nullable @Parameter(hidden = true) InputStream body) {
        queueWait.check();
        Session session = bearer.requireEvenIfChangeRequired(request);
        PasswordFields fields = reader.readPasswords(request, body, List.of(PASSWORD));
        try {
            char[] password = fields.get(PASSWORD);
            checks.run(ClientAddress.of(request), session.username(), password, () -> deleteAccount.deleteAccount(
                    new DeleteAccountCommand(session.username(), password)));
            return HttpResponse.noContent();
        } finally {
            fields.wipe();
        }
    }

    @Error(exception = Throwable.class)
    HttpResponse<Problem> failed(HttpRequest<?> request, Throwable failure) {
        return problems.from(request, failure);
    }

    private static void requireLength(char[] password) {
        Optional<String> problem = PasswordInput.lengthProblem(password);
        if (problem.isPresent()) {
            throw new WeakPasswordException("newPassword " + problem.get(), List.of());
        }
    }
}
