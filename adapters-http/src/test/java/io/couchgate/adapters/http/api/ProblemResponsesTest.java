package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.application.port.in.PasswordHashingBusyException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    private final ProblemResponses problems = new ProblemResponses();

    @Test
    void unexpectedFailure_becomes500_withoutItsMessage() {
        HttpResponse<Problem> response = problems.from(new IllegalStateException("db password is hunter2"));

        assertThat(response.code()).isEqualTo(500);
        assertThat(response.getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(response.body()).isEqualTo(new Problem("/problems/internal-error",
                "Internal error", 500, "the server failed; try again later", null));
    }

    @Test
    void micronautStatusFailure_keepsItsStatus_asAProblem() {
        HttpResponse<Problem> response = problems.from(new HttpStatusException(HttpStatus.NOT_FOUND, "x"));

        assertThat(response.code()).isEqualTo(404);
        assertThat(response.body().type()).isEqualTo("/problems/not-found");
    }

    @Test
    void retryAfter_isWholeSecondsRoundedUp() {
        HttpResponse<Problem> response = problems.from(new ApiException(ProblemType.TOO_MANY_REQUESTS, "slow down",
                Duration.ofMillis(89_001)));

        assertThat(response.code()).isEqualTo(429);
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("90");
    }

    @Test
    void unauthorized_carriesABearerChallenge_invalidCredentialsDoesNot() {
        assertThat(problems.from(new ApiException(ProblemType.UNAUTHORIZED, "no")).getHeaders()
                .get("WWW-Authenticate")).isEqualTo("Bearer realm=\"couchgate\"");
        assertThat(problems.from(new io.couchgate.application.port.in.InvalidCredentialsException()).getHeaders()
                .get("WWW-Authenticate")).isNull();
    }

    @Test
    void busyHashing_becomes503ServerBusy_withTheQueueTimeoutAsRetryAfter() {
        HttpResponse<Problem> response = problems.from(new PasswordHashingBusyException(Duration.ofSeconds(2)));

        assertThat(response.code()).isEqualTo(503);
        assertThat(response.getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("2");
        assertThat(response.body()).isEqualTo(new Problem("/problems/server-busy",
                "Server busy", 503, "too many password checks at once; try again shortly", null));
    }

    @Test
    void fullApiExecutor_becomes503ServerBusy_retryAfterOneSecond() {
        HttpResponse<Problem> response = problems.from(new RejectedExecutionException("Task rejected from pool"));

        assertThat(response.code()).isEqualTo(503);
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("1");
        assertThat(response.body()).isEqualTo(new Problem("/problems/server-busy",
                "Server busy", 503, "too many requests at once; try again shortly", null));
    }
}
