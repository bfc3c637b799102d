package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    private final ProblemResponses problems = new ProblemResponses();

    @Test
    void unexpectedFailure_becomes500_withoutItsMessage() {
        HttpResponse<Problem> response = problems.from(new IllegalStateException("db password is hunter2"));

        assertThat(response.code()).isEqualTo(500);
        assertThat(response.getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(response.body()).isEqualTo(new Problem("https://couchgate.io/problems/internal-error",
                "Internal error", 500, "the server failed; try again later", null));
    }

    @Test
    void micronautStatusFailure_keepsItsStatus_asAProblem() {
        HttpResponse<Problem> response = problems.from(new HttpStatusException(HttpStatus.NOT_FOUND, "x"));

        assertThat(response.code()).isEqualTo(404);
        assertThat(response.body().type()).isEqualTo("https://couchgate.io/problems/not-found");
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
                .get("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(problems.from(new io.couchgate.application.port.in.InvalidCredentialsException()).getHeaders()
                .get("WWW-Authenticate")).isNull();
    }
}
