package io.couchgate.adapters.http.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Provides {@link TrustedProxies} from {@code test.trusted-proxies} and {@code test.client-address-header}, as
 * bootstrap does from its configuration keys.
 */
@Factory
@Requires(property = TrustedProxiesTestBeans.PROXIES)
class TrustedProxiesTestBeans {

    static final String PROXIES = "test.trusted-proxies";
    static final String HEADER = "test.client-address-header";

    @Singleton
    TrustedProxies trustedProxies(@Property(name = PROXIES) List<String> proxies,
                                  @Property(name = HEADER, defaultValue = "x-forwarded-for") String header) {
        return TrustedProxies.parse(proxies, TrustedProxies.Header.parse(header));
    }
}
