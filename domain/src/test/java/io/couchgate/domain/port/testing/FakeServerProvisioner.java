package io.couchgate.domain.port.testing;

import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.ServerProvisioner;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ServerProvisioner} over an in-memory CouchDB: an admin list (admin party while it is empty), the set
 * of databases provisioned, and counters of every call. Faults can be injected per step, and a new admin can be
 * made to fail its first logins (as CouchDB 3.4 does while it hashes a new admin's password). Thread-safe.
 */
public final class FakeServerProvisioner implements ServerProvisioner {

    /** The port's operations, for fault injection. */
    public enum Step { IS_ADMIN_PARTY, CREATE_ADMIN, IS_ADMIN, REMOVE_OTHER_ADMINS, PROVISION }

    /** Databases couchgate provisions besides the app databases. */
    public static final List<String> SYSTEM_DATABASES = List.of("_users", "_replicator", "app_users");

    private final Map<String, String> admins = new LinkedHashMap<>();
    private final Set<String> databases = new LinkedHashSet<>();
    private final Map<Step, RuntimeException> faults = new EnumMap<>(Step.class);
    private final Map<Step, Integer> calls = new EnumMap<>(Step.class);
    private int failedIsAdmin;
    private int loginsToRejectAfterCreate;
    private int pendingRejections;
    private int writes;

    /**
     * @param admin an admin the server has already, which ends admin party
     * @return this
     */
    public synchronized FakeServerProvisioner withAdmin(CouchCredentials admin) {
        admins.put(admin.name(), admin.password());
        return this;
    }

    /**
     * @param count how many {@link #isAdmin} checks fail after each {@link #createAdmin}, correct or not
     * @return this
     */
    public synchronized FakeServerProvisioner rejectLoginsAfterCreate(int count) {
        loginsToRejectAfterCreate = count;
        return this;
    }

    /** @param step the operation that will throw {@code failure} once, before doing anything */
    public synchronized void failOnce(Step step, RuntimeException failure) {
        faults.put(step, failure);
    }

    @Override
    public synchronized boolean isAdminParty() {
        enter(Step.IS_ADMIN_PARTY);
        return admins.isEmpty();
    }

    @Override
    public synchronized void createAdmin(CouchCredentials admin, Optional<CouchCredentials> actingAdmin) {
        enter(Step.CREATE_ADMIN);
        if (!admins.isEmpty() && !actingAdmin.map(this::matches).orElse(false)) {
            throw new AdminRejectedException("PUT /_config/admins/" + admin.name() + " answered 401");
        }
        if (admins.containsKey(admin.name())) {
            throw new AdminExistsException("CouchDB has an admin named " + admin.name() + " already");
        }
        admins.put(admin.name(), admin.password());
        pendingRejections = loginsToRejectAfterCreate;
        writes++;
    }

    @Override
    public synchronized boolean isAdmin(CouchCredentials admin) {
        enter(Step.IS_ADMIN);
        boolean ok = pendingRejections == 0 && matches(admin);
        if (pendingRejections > 0) {
            pendingRejections--;
        }
        if (!ok) {
            failedIsAdmin++;
        }
        return ok;
    }

    @Override
    public synchronized List<String> removeOtherCouchgateAdmins(CouchCredentials admin, Set<String> keep) {
        enter(Step.REMOVE_OTHER_ADMINS);
        if (!matches(admin)) {
            throw new AdminRejectedException("GET /_node/_local/_config/admins answered 401");
        }
        List<String> stale = admins.keySet().stream()
                .filter(name -> name.startsWith(ADMIN_NAME_PREFIX) && !name.equals(admin.name()))
                .filter(name -> !keep.contains(name)).toList();
        stale.forEach(admins::remove);
        writes += stale.size();
        return stale;
    }

    @Override
    public synchronized int provision(CouchCredentials admin, List<AppDatabase> appDatabases) {
        enter(Step.PROVISION);
        if (!matches(admin)) {
            throw new CouchDbException("provisioning answered 401: not an admin");
        }
        int before = databases.size();
        databases.addAll(SYSTEM_DATABASES);
        appDatabases.forEach(db -> databases.add(db.name()));
        int sent = databases.size() - before;
        writes += sent;
        return sent;
    }

    private boolean matches(CouchCredentials credentials) {
        return credentials.password().equals(admins.get(credentials.name()));
    }

    private void enter(Step step) {
        calls.merge(step, 1, Integer::sum);
        RuntimeException fault = faults.remove(step);
        if (fault != null) {
            throw fault;
        }
    }

    /** @return how many times {@code step} was called, failed calls included */
    public synchronized int calls(Step step) {
        return calls.getOrDefault(step, 0);
    }

    /** @return how many {@link #isAdmin} checks answered false */
    public synchronized int failedIsAdminChecks() {
        return failedIsAdmin;
    }

    /** @return the admins' names, in creation order */
    public synchronized List<String> adminNames() {
        return List.copyOf(admins.keySet());
    }

    /** @return the databases provisioned so far, in order */
    public synchronized List<String> databases() {
        return List.copyOf(databases);
    }

    /** @return how many writes were sent: admins created plus databases provisioned */
    public synchronized int writes() {
        return writes;
    }
}
