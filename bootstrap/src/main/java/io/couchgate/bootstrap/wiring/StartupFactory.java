package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.couchdb.CouchDbSessionStore;
import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.application.port.in.ProvisionServerUseCase;
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
 * The beans of the start-up: the configuration (read first, as the sequence's own parameters: an invalid one stops
 * the start before CouchDB is touched), the secrets and CouchDB's objects, then the instance id, all before the
 * HTTP server accepts a request. The order of the steps is {@link StartupSequence}'s; nothing here deletes anything.
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

    /**
     * The start-up steps in their order ({@link StartupSequence}). Its lease and sweep are looked up only when the
     * server is bound: they need the instance id, which needs the provisioned secrets.
     */
    @Singleton
    @Requires(notEnv = AdminEnvironment.NAME)
    StartupSequence startupSequence(ProvisionServerUseCase provisioning, BeanProvider<InstanceLeaseUseCase> lease,
                                    BeanProvider<SweepOrphanSessionUsersUseCase> sweep, InstanceSettings instances) {
        return new StartupSequence(provisioning, lease::get, sweep::get, instances.durable(),
                instances.leaseInterval());
    }

    /** Step 1 of {@link StartupSequence}, eager so that it runs while the context starts, before the bind. */
    @Context
    @Requires(notEnv = AdminEnvironment.NAME)
    Secrets secrets(StartupSequence sequence, CouchgateSettings settings) {
        return sequence.provision(settings.couchDbUrl());
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
