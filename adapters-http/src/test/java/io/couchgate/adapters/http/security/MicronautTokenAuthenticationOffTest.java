package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.context.BeanContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.validator.TokenValidator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * micronaut-security's own token authentication stays off: with no signature configured for it, its JWT validator
 * accepted unsigned ({@code alg: none}) tokens, so any {@code @Secured} route would have trusted a forged identity.
 * couchgate verifies its tokens itself (JwtTokenService), and nothing may turn a bearer token into an
 * {@code Authentication}.
 */
@MicronautTest
class MicronautTokenAuthenticationOffTest {

    /** {@code {"alg":"none"}.{"sub":"admin","roles":["ADMIN"]}.} as in the review finding. */
    private static final String UNSIGNED_ADMIN = Base64URL.encode("{\"alg\":\"none\"}") + "."
            + Base64URL.encode("{\"sub\":\"admin\",\"roles\":[\"ADMIN\"],\"iss\":\"couchgate\"}") + ".";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    BeanContext beans;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI(), json);
    }

    /** A path with no route is 404 for everyone (UnroutedPathsRule), the forged token changes nothing there either. */
    @ParameterizedTest
    @CsvSource({"/authenticated-only, 401", "/admin-only, 401", "/elsewhere, 401", "/nonexistent, 404"})
    void unsignedTokenClaimingAdmin_getsTheAnswerOfNoTokenAtAll(String path, int status) {
        ApiClient.Response forged = api.withBearer("GET", path, UNSIGNED_ADMIN);
        ApiClient.Response anonymous = api.send(api.request(path).GET());

        assertThat(forged.status()).isEqualTo(status);
        assertThat(anonymous.status()).isEqualTo(status);
        assertThat(forged.text()).doesNotContain("reached").isEqualTo(anonymous.text());
    }

    @ParameterizedTest
    @ValueSource(classes = {TokenReader.class, TokenValidator.class})
    void noTokenReaderOrValidatorBean_exists(Class<?> type) {
        assertThat(beans.getBeansOfType(type)).isEmpty();
    }
}
