package io.couchgate.application.provisioning;

import io.couchgate.application.port.in.ProvisionServerUseCase;
import io.couchgate.application.port.in.ProvisioningException;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SecretsStore;
import io.couchgate.domain.port.ServerProvisioner;
import io.couchgate.domain.port.ServerProvisioner.AdminExistsException;
import io.couchgate.domain.port.ServerProvisioner.AdminRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * First start and every start (architecture flows 1 and 2). Secrets are saved PENDING before CouchDB is touched
 * and ACTIVE once the admin is proven, so a crash at any step is repaired by the next start. Admin checks are
 * bounded: CouchDB 3.4 locks a name out after 5 failed logins from one address, so one start never fails more
 * than {@link #MAX_FAILED_ADMIN_CHECKS} (couchdb-notes.md; docs.couchdb.org config/auth.html). First start makes
 * every secret at random: the JWT key, the 256-bit session key, the deployment id and the admin; after saving them
 * it goes on with what the store gives back, since a store may take some of them from configuration instead.
 * Whenever a start makes a new admin, {@link #removeEarlierAdmins()} (called once the server is bound) deletes the
 * other {@code couchgate-admin-*} admins, those of lost secrets; admins of other names are never touched.
 */
public final class ProvisionServerService implements ProvisionServerUseCase {

    /** Most failed {@code isAdmin} checks in one start. */
    public static final int MAX_FAILED_ADMIN_CHECKS = 4;
    /** Waits before each check of a newly created admin (CouchDB 3.4 hashes new admin passwords asynchronously). */
    public static final List<Duration> PAUSES = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** How the dev set-up starts afresh: its CouchDB and couchgate's secrets only make sense together. */
    static final String DEV_RESET = "with scripts/run's dev CouchDB, scripts/run --reset-dev wipes it and the "
            + "secrets together";
    static final String BOOTSTRAP_ADVICE = "set COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER and "
            + "COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_PASSWORD once so couchgate can create its own admin";

    private static final System.Logger LOG = System.getLogger(ProvisionServerService.class.getName());

    private final SecretsStore secretsStore;
    private final ServerProvisioner provisioner;
    private final RandomSource random;
    private final Optional<CouchCredentials> bootstrapAdmin;
    private final List<AppDatabase> databases;
    private final RetryPause pause;
    private volatile Secrets madeAdminOf;

    /**
     * @param secretsStore where the JWT key, session key, deployment id and admin credentials are kept
     * @param provisioner talks to CouchDB
     * @param random source of the JWT and session keys and of the admin's name suffix and password
     * @param bootstrapAdmin an existing CouchDB admin, needed once when CouchDB is not in admin party
     * @param databases the app databases to provision
     * @param pause waits between admin checks ({@link RetryPause#sleeping()} in production)
     */
    public ProvisionServerService(SecretsStore secretsStore, ServerProvisioner provisioner, RandomSource random,
                                  Optional<CouchCredentials> bootstrapAdmin, List<AppDatabase> databases,
                                  RetryPause pause) {
        this.secretsStore = Objects.requireNonNull(secretsStore, "secretsStore");
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
        this.random = Objects.requireNonNull(random, "random");
        this.bootstrapAdmin = Objects.requireNonNull(bootstrapAdmin, "bootstrapAdmin");
        this.databases = List.copyOf(databases);
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public Secrets provision() {
        Optional<Secrets> stored = secretsStore.load();
        Secrets active;
        if (stored.isEmpty()) {
            active = firstStart();
        } else if (stored.get().state() == Secrets.State.ACTIVE) {
            active = checkActive(stored.get());
        } else {
            active = repair(stored.get());
        }
        provisioner.provision(active.admin(), databases);
        return active;
    }

    private Secrets firstStart() {
        CouchCredentials admin = new CouchCredentials(ServerProvisioner.ADMIN_NAME_PREFIX + random.lowerAlphanumeric(8),
                random.base64Url(32));
        secretsStore.save(new Secrets(random.bytes(Secrets.MIN_JWT_SECRET_BYTES),
                random.bytes(Secrets.SESSION_KEY_BYTES), InstanceId.random(), admin, Secrets.State.PENDING));
        Secrets pending = reloadAfterFirstSave();
        createAdmin(pending.admin(), true);
        verifyNewAdmin(pending.admin(), MAX_FAILED_ADMIN_CHECKS);
        return madeAdmin(saveActive(pending));
    }

    /** A store may override parts of what it keeps (by configuration); go on with what it gives back. */
    private Secrets reloadAfterFirstSave() {
        return secretsStore.load().orElseThrow(() -> new ProvisioningException(secretsStore.location()
                + " was empty right after couchgate wrote its first secrets"));
    }

    /** An earlier start stopped between saving PENDING and saving ACTIVE; its admin may or may not exist. */
    private Secrets repair(Secrets pending) {
        if (provisioner.isAdmin(pending.admin())) {
            return madeAdmin(saveActive(pending));
        }
        createAdmin(pending.admin(), false);
        verifyNewAdmin(pending.admin(), MAX_FAILED_ADMIN_CHECKS - 1);
        return madeAdmin(saveActive(pending));
    }

    private Secrets checkActive(Secrets secrets) {
        if (!provisioner.isAdmin(secrets.admin())) {
            if (provisioner.isAdminParty()) {
                throw new ProvisioningException("CouchDB has no admin at all (admin party): it was reset or replaced "
                        + "since couchgate's admin " + secrets.admin().name() + " from " + secretsStore.location()
                        + " was made, and what couchgate kept there (accounts, sessions) is gone with it. To keep "
                        + "your data, point couchgate.couchdb.url at the CouchDB that holds it; to start afresh, "
                        + "remove " + secretsStore.location() + " (" + DEV_RESET + ")");
            }
            throw new ProvisioningException("CouchDB rejected couchgate's admin " + secrets.admin().name()
                    + " from " + secretsStore.location() + ": restore that admin on CouchDB, or remove "
                    + secretsStore.location() + " and " + BOOTSTRAP_ADVICE);
        }
        return secrets;
    }

    /** @param firstStart true when there were no secrets at all (not a repair of pending ones) */
    private void createAdmin(CouchCredentials admin, boolean firstStart) {
        try {
            if (provisioner.isAdminParty()) {
                provisioner.createAdmin(admin, Optional.empty());
                return;
            }
            CouchCredentials acting = bootstrapAdmin.orElseThrow(() -> new ProvisioningException(firstStart
                    ? "CouchDB has admins already but " + secretsStore.location() + " does not exist (a first "
                    + "start, or the secrets were lost): if couchgate ran on this CouchDB before, restore that file "
                    + "from your backup; else " + BOOTSTRAP_ADVICE + " (" + DEV_RESET + ")"
                    : "CouchDB has admins already: " + BOOTSTRAP_ADVICE));
            try {
                provisioner.createAdmin(admin, Optional.of(acting));
            } catch (AdminRejectedException e) {
                throw new ProvisioningException("CouchDB refused to create couchgate's admin with the bootstrap "
                        + "admin " + acting.name() + " (" + e.getMessage() + "): " + BOOTSTRAP_ADVICE);
            }
        } catch (AdminExistsException e) {
            throw new ProvisioningException("CouchDB has an admin named " + admin.name() + " that refuses the "
                    + "password from " + secretsStore.location() + ": couchgate does not overwrite it (the other "
                    + "instances may hold the right one). Give the right password, or delete that admin from "
                    + "CouchDB; if it was just created, CouchDB may have locked the name out after failed logins "
                    + "(wait 5 minutes)");
        }
    }

    private void verifyNewAdmin(CouchCredentials admin, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            pause.pause(PAUSES.get(attempt));
            if (provisioner.isAdmin(admin)) {
                return;
            }
        }
        throw new ProvisioningException("CouchDB did not accept couchgate's new admin " + admin.name()
                + " after " + MAX_FAILED_ADMIN_CHECKS + " failed logins; " + secretsStore.location()
                + " stays pending and the next start repairs it (wait 5 minutes: CouchDB locks a name out after 5)");
    }

    /** The new admin is proven and saved; {@link #removeEarlierAdmins()} may delete the others. */
    private Secrets madeAdmin(Secrets active) {
        madeAdminOf = active;
        return active;
    }

    @Override
    public List<String> removeEarlierAdmins() {
        Secrets made = madeAdminOf;
        if (made == null) {
            return List.of();
        }
        Set<String> keep = bootstrapAdmin.map(a -> Set.of(a.name())).orElse(Set.of());
        List<String> removed = provisioner.removeOtherCouchgateAdmins(made.admin(), keep);
        madeAdminOf = null;
        if (!removed.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "removed couchgate's earlier CouchDB admins "
                    + String.join(", ", removed) + " (their secrets are gone); couchgate's admin is now "
                    + made.admin().name());
        }
        return removed;
    }

    private Secrets saveActive(Secrets pending) {
        Secrets active = pending.activate();
        secretsStore.save(active);
        return active;
    }
}
