package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.couchdb.TlsTrust;
import io.couchgate.adapters.http.proxy.CouchDbTlsTrust;
import io.couchgate.adapters.http.proxy.DatabaseProxySettings;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.domain.AppDatabase;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/** Configures the {@code /database} proxy: CouchDB's URL, the app databases it lets through, timeouts. */
@Factory
class ProxyFactory {

    @Singleton
    DatabaseProxySettings databaseProxySettings(CouchgateSettings settings) {
        return new DatabaseProxySettings(settings.couchDbUrl(),
                settings.databases().stream().map(AppDatabase::name).collect(Collectors.toUnmodifiableSet()),
                settings.connectTimeout(), settings.readTimeout());
    }

    @Singleton
    CouchDbTlsTrust couchDbTlsTrust(CouchgateSettings settings) {
        return new CouchDbTlsTrust(TlsTrust.clientContext(settings.caFile()));
    }
}
