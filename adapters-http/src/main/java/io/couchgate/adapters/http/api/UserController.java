package io.couchgate.adapters.http.api;

import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.application.port.in.PasswordInput;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.port.in.SignUpMode;
import io.couchgate.application.port.in.SignUpUseCase;
import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** {@code PUT /api/users}: signup (architecture flow 3). Blocking: hashing and CouchDB run on the bounded /api pool. */
@Controller("/api/users")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(ApiExecutorFactory.NAME)
final class UserController {

    private final SignUpUseCase signUp;
    private final CredentialsBodyReader reader;
    private final ProblemResponses problems;
    private final SignupThrottle throttle;
    private final QueueWaitLimit queueWait;
    private final SignUpMode mode;

    /**
     * @param mode {@code couchgate.signup.mode}: only {@link SignUpMode#INVITE} reads the body's {@code invitation}
     *             (the other modes ignore it, whatever its JSON type)
     */
    UserController(SignUpUseCase signUp, CredentialsBodyReader reader, ProblemResponses problems,
                   SignupThrottle throttle, QueueWaitLimit queueWait, SignUpMode mode) {
        this.signUp = signUp;
        this.mode = mode;
        this.throttle = throttle;
        this.queueWait = queueWait;
        this.reader = reader;
        this.problems = problems;
    }

    /**
     * @param request the request ({@code Content-Type: application/json}, at most 16 KiB)
     * @param body {@code {"username": "...", "password": "..."}}, in invite mode with {@code "invitation": "..."};
     *             null when empty
     * @return 201 {@code {"username": "<normalised>"}}; failures are problems (see {@link ProblemResponses}),
     *         403 {@code invitation-invalid} in invite mode without a valid code, 429 {@code too-many-requests} with {@code Retry-After} beyond {@link SignupThrottle}'s limit, 503
     *         {@code server-busy} when it waited too long for a thread ({@link QueueWaitLimit}) or for Argon2id
     */
    @Operation(summary = "Sign up")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.Credentials.class)))
    @ApiResponse(responseCode = "201", description = "the account is made",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UserCreatedResponse.class)))
    @ApiResponse(responseCode = "400",
            description = "invalid-username or weak-password (with advice), or malformed-request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "signup-closed, or invitation-invalid (signup mode invite "
            + "without a valid code)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "username-taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = "payload-too-large: the body is over 16 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "unsupported-media-type: the body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "too-many-requests, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "server-busy or couchdb-unavailable, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<UserCreatedResponse> signUp(HttpRequest<?> request,
                                             @Body @Nullable @Parameter(hidden = true) InputStream body) {
        queueWait.check();
        throttle.acquire(ClientAddress.of(request));
        CredentialsRequest credentials = reader.read(request, body);
        try {
            request.setAttribute(AuditLog.USER_ATTRIBUTE, AuditNames.of(credentials.username()));
            Optional<InvitationCode> invitation = invitation(credentials);
            Username username = Username.of(credentials.username());
            requireLength(credentials.password());
            Username created = signUp.signUp(new SignUpCommand(username, credentials.password(), invitation));
            return HttpResponse.created(new UserCreatedResponse(created.value()));
        } finally {
            credentials.wipe();
        }
    }

    @Error(exception = Throwable.class)
    HttpResponse<Problem> failed(HttpRequest<?> request, Throwable failure) {
        return problems.from(request, failure);
    }

    /**
     * The code in invite mode; none in the others, whatever the body says. An empty or over-long string can be no
     * code: it counts as none (403); a member that is not a string is a malformed request (400).
     */
    private Optional<InvitationCode> invitation(CredentialsRequest credentials) {
        if (mode != SignUpMode.INVITE) {
            return Optional.empty();
        }
        if (credentials.invitationNotString()) {
            throw CredentialsBodyReader.malformed("\"invitation\" must be a string");
        }
        String typed = credentials.invitation();
        if (typed == null || typed.isEmpty() || typed.length() > InvitationCode.MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new InvitationCode(typed));
    }

    private static void requireLength(char[] password) {
        Optional<String> problem = PasswordInput.lengthProblem(password);
        if (problem.isPresent()) {
            throw new WeakPasswordException("password " + problem.get(), List.of());
        }
    }
}
