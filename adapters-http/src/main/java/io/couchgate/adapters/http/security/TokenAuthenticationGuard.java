package io.couchgate.adapters.http.security;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.validator.TokenValidator;
import java.util.List;

/**
 * Refuses to start while micronaut-security's own token authentication is on. couchgate verifies its session tokens
 * itself ({@code JwtTokenService}: HS256 with the key from the secrets file, {@code iss}, {@code iid}, revocation);
 * micronaut-security's JWT validator has no signature configured for it and accepted unsigned ({@code alg: none},
 * RFC 7519 section 6) tokens, so any {@code @Secured} route would have trusted a forged {@code Authentication}.
 * {@code application.yml} turns it off ({@code micronaut.security.token.enabled}, {@code .bearer.enabled} and
 * {@code .jwt.enabled}: false); this guard keeps a
 * changed configuration or a new dependency from turning it back on silently.
 */
@Context
final class TokenAuthenticationGuard {

    private static final List<Class<?>> FORBIDDEN = List.of(TokenReader.class, TokenValidator.class);

    /**
     * @param beans the application context
     * @throws IllegalStateException when a token reader or validator bean is defined
     */
    TokenAuthenticationGuard(BeanContext beans) {
        for (Class<?> type : FORBIDDEN) {
            beans.getBeanDefinitions(type).stream().findFirst().ifPresent(definition -> {
                throw new IllegalStateException("micronaut-security's token authentication must stay off (it would "
                        + "trust tokens couchgate did not sign), but " + definition.getBeanType().getName()
                        + " is active: set micronaut.security.token.enabled, .bearer.enabled and .jwt.enabled to false");
            });
        }
    }
}
