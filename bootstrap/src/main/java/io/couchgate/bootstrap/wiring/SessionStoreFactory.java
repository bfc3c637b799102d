package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.couchdb.CouchDbConnection;
import io.couchgate.adapters.couchdb.CouchDbSessionStore;
import io.couchgate.application.session.CachingSessionStore;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.TreeSet;

/**
 * The session store of the configured mode ({@code couchgate.sessions.store}, architecture "Session modes"): in
 * memory, or the durable CouchDB store behind this instance's cache. The CouchDB store is made only in the durable
 * mode, and making it (before the port is bound) ensures its database ({@code couchgate.sessions.database}),
 * claims it for this deployment and marks the deployment durable with it: a start with another deployment's
 * database, or with another database than the deployment's, stops here, before any sweep could take the
 * deployment's sessions for orphans.
 */
@Factory
class SessionStoreFactory {

    private static final Set<String> RESERVED = Set.of("_users", "_replicator", "_global_changes", "app_users",
            "couchgate_instances");

    /** The durable store itself, typed as its class only, so that {@link SessionStore} has one bean. */
    @Singleton
    @Bean(typed = CouchDbSessionStore.class)
    CouchDbSessionStore couchDbSessionStore(CouchDbConnection couch, Secrets secrets, InstanceSettings instances,
                                            CouchgateSettings settings, InstanceLeases leases) {
        String database = instances.sessionsDatabase();
        requireNotTaken(database, settings);
        CouchDbSessionStore store = new CouchDbSessionStore(couch, secrets.admin(), database, secrets.sessionKey());
        store.ensureDatabase();
        try {
            store.claimFor(secrets.deploymentId());
            leases.markDurable(secrets.deploymentId(), database);
        } catch (IllegalStateException e) {
            throw new ConfigurationException("couchgate.sessions.database: " + e.getMessage());
        }
        return store;
    }

    /** couchgate's own databases and the app's are never the sessions database (its _security is admin-only). */
    private static void requireNotTaken(String database, CouchgateSettings settings) {
        Set<String> taken = new TreeSet<>(RESERVED);
        settings.databases().forEach(app -> taken.add(app.name()));
        if (taken.contains(database)) {
            throw new ConfigurationException("couchgate.sessions.database must not be one of " + taken
                    + " (couchgate's own or an app database), was '" + database + "'");
        }
    }

    @Singleton
    SessionStore sessionStore(InstanceSettings instances, BeanProvider<CouchDbSessionStore> durable,
                              SessionStreams streams, Clock clock) {
        if (!instances.durable()) {
            return new InMemorySessionStore();
        }
        return new CachingSessionStore(durable.get(), streams, clock, CachingSessionStore.DEFAULT_RECHECK_AFTER);
    }
}
