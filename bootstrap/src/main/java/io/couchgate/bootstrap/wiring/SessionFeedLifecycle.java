package io.couchgate.bootstrap.wiring;

import io.couchgate.bootstrap.admin.AdminEnvironment;
import io.couchgate.adapters.couchdb.CouchDbSessionFeed;
import io.couchgate.adapters.couchdb.CouchDbSettings;
import io.couchgate.application.session.CachingSessionStore;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.SessionFeed;
import io.couchgate.domain.port.SessionStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;

/**
 * In the durable mode, follows the sessions database's {@code _changes} feed from start to stop, telling this
 * instance's cache of every session written or removed by any instance (architecture, "Session modes"). In memory
 * mode it does nothing.
 */
@Requires(notEnv = AdminEnvironment.NAME)
@Context
class SessionFeedLifecycle {

    private final SessionFeed.Subscription subscription;

    SessionFeedLifecycle(InstanceSettings instances, SessionStore store, CouchDbSettings couch, Secrets secrets) {
        if (instances.durable() && store instanceof CachingSessionStore cache) {
            subscription = new CouchDbSessionFeed(couch, secrets.admin(), instances.sessionsDatabase(),
                    CouchDbSessionFeed.DEFAULT_POLL_TIMEOUT).follow(cache);
        } else {
            subscription = null;
        }
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
