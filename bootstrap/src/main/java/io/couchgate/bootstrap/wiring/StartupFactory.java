package io.couchgate.bootstrap.wiring;

import io.couchgate.application.port.in.ProvisionServerUseCase;
import io.couchgate.application.port.in.PurgeStaleSessionUsersUseCase;
import io.couchgate.application.provisioning.ProvisionServerService;
import io.couchgate.application.provisioning.RetryPause;
import io.couchgate.application.session.PurgeStaleSessionUsersService;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.secrets.SecureRandomSource;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SecretsStore;
import io.couchgate.domain.port.ServerProvisioner;
import io.couchgate.domain.port.SessionUserDirectory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up order (architecture flows 1 and 2): the secrets and CouchDB's objects first, then a new instance
 * id, then the purge of earlier instances' session users — all before the HTTP server accepts a request, because
 * these beans are eager ({@link Context}) and {@code Application} starts the server only after the context.
 */
@Factory
class StartupFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StartupFactory.class);

    @Singleton
    Clock clock() {
        return Clock.system();
    }

    @Singleton
    RandomSource randomSource() {
        return new SecureRandomSource();
    }

    @Singleton
    SecretsStore secretsStore(CouchgateSettings settings) {
        return new FileSecretsStore(settings.dataDir());
    }

    @Singleton
    ProvisionServerUseCase provisionServer(SecretsStore store, ServerProvisioner provisioner, RandomSource random,
                                           CouchgateSettings settings) {
        return new ProvisionServerService(store, provisioner, random, settings.bootstrapAdmin(),
                settings.databases(), RetryPause.sleeping());
    }

    @Context
    Secrets secrets(ProvisionServerUseCase provisioning) {
        return provisioning.provision();
    }

    @Context
    InstanceId instanceId(Secrets provisioned) {
        InstanceId id = InstanceId.random();
        LOG.info("couchgate instance {} started", id);
        return id;
    }

    @Context
    PurgeStaleSessionUsersUseCase purgeStaleSessionUsers(SessionUserDirectory directory, InstanceId instanceId) {
        PurgeStaleSessionUsersService purge = new PurgeStaleSessionUsersService(directory, instanceId);
        long deleted = purge.purge();
        LOG.info("removed {} session users left by earlier instances", deleted);
        return purge;
    }
}
