package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.couchdb.CouchDbAppUserRepository;
import io.couchgate.adapters.couchdb.CouchDbCompatibility;
import io.couchgate.adapters.couchdb.CouchDbConnection;
import io.couchgate.adapters.couchdb.CouchDbInstanceLeases;
import io.couchgate.adapters.couchdb.CouchDbInvitationStore;
import io.couchgate.adapters.couchdb.CouchDbServerProvisioner;
import io.couchgate.adapters.couchdb.CouchDbSessionUserDirectory;
import io.couchgate.adapters.couchdb.CouchDbSettings;
import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.AppUserListing;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.InvitationStore;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.ServerProvisioner;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionUserDirectory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

/** Builds the CouchDB adapters. Everything that acts as couchgate's admin waits for the provisioned secrets. */
@Factory
class CouchDbFactory {

    /**
     * couchgate's own connection waits {@code couchgate.couchdb.request-timeout} for an answer, not the proxy's
     * {@code read-timeout}: an {@code /api} call must give up on a silent CouchDB soon (503), while a proxied view may
     * legitimately take long. {@code couchgate.couchdb.compatibility} ({@code couchdb}, the default, or
     * {@code pouchdb-server} for the dev server) says which server it is.
     *
     * @throws ConfigurationException when the compatibility is neither value
     */
    @Singleton
    CouchDbSettings couchDbSettings(CouchgateSettings settings,
                                    @Value("${couchgate.couchdb.compatibility:couchdb}") String compatibility) {
        try {
            return new CouchDbSettings(settings.couchDbUrl(), settings.connectTimeout(), settings.requestTimeout(),
                    settings.caFile().orElse(null), settings.allowInsecure(), CouchDbCompatibility.parse(compatibility));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    CouchDbConnection couchDbConnection(CouchDbSettings settings, ObjectMapper json) {
        try {
            return CouchDbConnection.open(settings, json);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    @Singleton
    ServerProvisioner serverProvisioner(CouchDbConnection couch) {
        return new CouchDbServerProvisioner(couch);
    }

    @Singleton
    AppUserRepository appUserRepository(CouchDbConnection couch, Secrets secrets) {
        return new CouchDbAppUserRepository(couch, secrets.admin());
    }

    /** The same repository as the accounts': the admin CLI lists accounts through it. */
    @Singleton
    AppUserListing appUserListing(CouchDbConnection couch, Secrets secrets) {
        return new CouchDbAppUserRepository(couch, secrets.admin());
    }

    @Singleton
    InvitationStore invitationStore(CouchDbConnection couch, Secrets secrets) {
        return new CouchDbInvitationStore(couch, secrets.admin());
    }

    @Singleton
    InstanceLeases instanceLeases(CouchDbConnection couch, Secrets secrets) {
        return new CouchDbInstanceLeases(couch, secrets.admin());
    }

    @Singleton
    SessionUserDirectory sessionUserDirectory(CouchDbConnection couch, Secrets secrets, RandomSource random) {
        return new CouchDbSessionUserDirectory(couch, secrets.admin(), random);
    }
}
