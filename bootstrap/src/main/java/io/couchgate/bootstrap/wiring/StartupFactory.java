package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.couchdb.CouchDbSessionStore;
import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.application.port.in.ProvisionServerUseCase;
import io.couchgate.application.port.in.ProvisioningException;
import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.application.provisioning.ProvisionServerService;
import io.couchgate.application.provisioning.RetryPause;
import io.couchgate.application.session.DurableDeploymentService;
import io.couchgate.application.session.InstanceLeaseService;
import io.couchgate.application.session.SweepDurableSessionsService;
import io.couchgate.application.session.SweepOrphanSessionUsersService;
import io.couchgate.bootstrap.admin.AdminEnvironment;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.couchgate.bootstrap.secrets.ConfiguredSecrets;
import io.couchgate.bootstrap.secrets.ConfiguredSecretsStore;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.secrets.SecureRandomSource;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SecretsStore;
import io.couchgate.domain.port.ServerProvisioner;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up order (architecture flows 1 and 2): the configuration, the secrets and CouchDB's objects first,
 * then a new instance id, all before the HTTP server accepts a request, because these beans are eager
 * ({@link Context}) and {@code Application} starts the server only after the context. Nothing here deletes
 * anything: the lease and the sweep of orphaned session users start only once the server is bound
 * ({@link InstanceLifecycle}), so a start that fails leaves every other instance's sessions alone.
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

    /** The secrets file, with the secrets given by configuration ({@code couchgate.secrets.*}) put over it. */
    @Singleton
    SecretsStore secretsStore(CouchgateSettings settings, ConfiguredSecrets configured, RandomSource random) {
        FileSecretsStore file = new FileSecretsStore(settings.dataDir(), random);
        if (configured.isEmpty()) {
            return file;
        }
        if (configured.isComplete()) {
            LOG.info("every secret comes from the couchgate.secrets.* configuration; {} is neither read nor written",
                    file.file());
        } else {
            LOG.info("secrets from configuration ({}) override those in {}", String.join(", ", configured.names()),
                    file.file());
        }
        return new ConfiguredSecretsStore(file, configured, random);
    }

    @Singleton
    ProvisionServerUseCase provisionServer(SecretsStore store, ServerProvisioner provisioner, RandomSource random,
                                           CouchgateSettings settings) {
        return new ProvisionServerService(store, provisioner, random, settings.bootstrapAdmin(),
                settings.databases(), RetryPause.sleeping());
    }

    @Context
    @Requires(notEnv = AdminEnvironment.NAME)
    Secrets secrets(ProvisionServerUseCase provisioning, CouchgateSettings settings, InstanceSettings instances) {
        // instances is read first on purpose: an unavailable session store stops the start before CouchDB is touched
        try {
            return provisioning.provision();
        } catch (CouchDbException e) {
            throw new ProvisioningException("CouchDB at " + settings.couchDbUrl() + " failed: " + e.getMessage()
                    + " (check that CouchDB runs there and that couchgate.couchdb.url / COUCHGATE_COUCHDB_URL "
                    + "points at it)");
        }
    }

    /** Memory mode: a new id for each run. Durable mode: the deployment's id, kept with the secrets. */
    @Context
    InstanceId instanceId(Secrets provisioned, InstanceSettings instances) {
        if (instances.durable()) {
            LOG.info("couchgate instance of deployment {} starting (durable sessions)", provisioned.deploymentId());
            return provisioned.deploymentId();
        }
        InstanceId id = InstanceId.random();
        LOG.info("couchgate instance {} started", id);
        return id;
    }

    @Singleton
    InstanceLeaseUseCase instanceLease(InstanceLeases leases, SessionUserDirectory directory, InstanceId instanceId,
                                       Clock clock, InstanceSettings instances) {
        if (instances.durable()) {
            return new DurableDeploymentService(leases, instanceId, instances.sessionsDatabase());
        }
        return new InstanceLeaseService(leases, directory, instanceId, clock, instances.leaseInterval());
    }

    @Singleton
    SweepOrphanSessionUsersUseCase sweepOrphanSessionUsers(InstanceLeases leases, SessionUserDirectory directory,
                                                           InstanceId instanceId, Clock clock,
                                                           InstanceSettings instances,
                                                           BeanProvider<CouchDbSessionStore> durableStore,
                                                           SessionStore store, SessionStreams streams) {
        if (instances.durable()) {
            return new SweepDurableSessionsService(leases, directory, durableStore.get(), instanceId, clock,
                    instances.orphanGrace());
        }
        return new SweepOrphanSessionUsersService(leases, directory, store, streams, instanceId, clock,
                instances.orphanGrace());
    }
}
