package io.couchgate.adapters.http.security;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/** Provides {@link AllowedOrigins} from {@code test.allowed-origins}, as bootstrap does from its configuration key. */
@Factory
@Requires(property = AllowedOriginsTestBeans.ORIGINS)
class AllowedOriginsTestBeans {

    static final String ORIGINS = "test.allowed-origins";

    @Singleton
    AllowedOrigins allowedOrigins(@Property(name = ORIGINS) List<String> origins) {
        return AllowedOrigins.parse(origins);
    }
}
