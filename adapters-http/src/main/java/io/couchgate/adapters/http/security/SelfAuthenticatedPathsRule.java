package io.couchgate.adapters.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * Lets micronaut-security's filter pass every request under {@code /api}, {@code /database} and {@code /health},
 * whatever its method, so that Micronaut still answers 404 and 405 there instead of the filter's 401.
 *
 * <p>These paths authenticate themselves: the {@code /api} controllers and the {@code /database} proxy resolve the
 * {@code Authorization: Bearer} token through {@code ResolveDatabaseCredentialsUseCase} (which also knows about
 * revoked sessions, which micronaut-security's JWT validation cannot), and {@code /health} is public. A rule bean,
 * rather than {@code micronaut.security.intercept-url-map}, keeps this true whatever configuration the application
 * ships. Any other routed path keeps micronaut-security's default: rejected unless a rule allows it (a path with
 * no route is Micronaut's 404, {@link UnroutedPathsRule}).
 */
@Singleton
final class SelfAuthenticatedPathsRule implements SecurityRule<HttpRequest<?>> {

    private static final List<String> PREFIXES = List.of("/api", "/database", "/health");

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request,
                                               @Nullable Authentication authentication) {
        if (request != null && isSelfAuthenticated(request.getPath())) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * @param path the request path
     * @return true for a prefix itself or anything below it ({@code /api/users}), false for {@code /apix}
     */
    static boolean isSelfAuthenticated(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
