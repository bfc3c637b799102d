package io.couchgate.adapters.http.security;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Makes the one {@link CorsPolicy} bean from the configured {@link AllowedOrigins} (none without that bean). */
@Factory
class CorsPolicyFactory {

    @Singleton
    CorsPolicy corsPolicy(Optional<AllowedOrigins> origins) {
        return origins.map(CorsPolicy::new).orElse(CorsPolicy.NONE);
    }
}
