package io.couchgate.adapters.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Lets micronaut-security's filter pass a request that matches no route and that no other rule decided, so that
 * Micronaut answers it: 404 for an unknown path such as {@code /nope} or {@code /metrics} instead of the filter's 401
 * (which told a client "log in" where nothing exists), or a static file of the browser app when
 * {@code couchgate.ui.enabled} maps one there. It is micronaut-security's {@code reject-not-found: false}, as a bean
 * so that it holds whatever configuration the application ships.
 *
 * <p>It runs last: {@code intercept-url-map} and {@code @Secured} decide first, and every routed path outside
 * {@link SelfAuthenticatedPathsRule}'s prefixes keeps micronaut-security's default (rejected unless a rule allows it).
 * Paths under {@code /database} never get here (that rule allows them; the proxy answers unknown ones itself).
 */
@Singleton
final class UnroutedPathsRule implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request,
                                               @Nullable Authentication authentication) {
        if (request != null && request.getAttribute(HttpAttributes.ROUTE_MATCH, RouteMatch.class).isEmpty()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
