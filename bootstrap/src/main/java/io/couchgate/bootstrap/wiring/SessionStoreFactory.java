package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.couchdb.CouchDbConnection;
import io.couchgate.adapters.couchdb.CouchDbSessionStore;
import io.couchgate.application.session.CachingSessionStore;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The session store of the configured mode ({@code couchgate.sessions.store}, architecture "Session modes"): in
 * memory, or the durable CouchDB store behind this instance's cache. The CouchDB store is made only in the durable
 * mode, and making it ensures its database ({@code couchgate.sessions.database}).
 */
@Factory
class SessionStoreFactory {

    /** The durable store itself, typed as its class only, so that {@link SessionStore} has one bean. */
    @Singleton
    @Bean(typed = CouchDbSessionStore.class)
    CouchDbSessionStore couchDbSessionStore(CouchDbConnection couch, Secrets secrets, InstanceSettings instances) {
        CouchDbSessionStore store = new CouchDbSessionStore(couch, secrets.admin(), instances.sessionsDatabase(),
                secrets.sessionKey());
        store.ensureDatabase();
        return store;
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
