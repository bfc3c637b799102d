package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration that turns micronaut-security's token authentication back on (its default) does not start. */
class TokenAuthenticationGuardTest {

    @Test
    void micronautsDefaultTokenAuthentication_stopsTheStart() {
        Map<String, Object> defaults = Map.of("micronaut.security.token.enabled", true,
                "micronaut.security.token.bearer.enabled", true, "micronaut.security.token.jwt.enabled", true);

        assertThatThrownBy(() -> ApplicationContext.run(defaults, "test").close())
                .isInstanceOf(BeanInstantiationException.class)
                .hasMessageContaining("micronaut-security's token authentication must stay off")
                .hasMessageContaining("is active");
    }
}
