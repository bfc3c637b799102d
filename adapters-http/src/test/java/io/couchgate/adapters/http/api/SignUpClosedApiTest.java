package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.TestWiring;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest
@Property(name = TestWiring.SIGNUP_ENABLED, value = "false")
class SignUpClosedApiTest extends ApiTestSupport {

    @Test
    void signUpWhenClosed_returns403_signupClosed() {
        assertProblem(api.putJson("/api/users", credentials("alice", PASSWORD)), 403, "signup-closed");
        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(401);
    }
}
