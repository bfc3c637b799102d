package io.couchgate.bootstrap.secrets;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SecretsStore;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SecretsStore} whose configured secrets ({@link ConfiguredSecrets}) win over the file's, and which never
 * writes a configured secret to disk:
 * <ul>
 *   <li>all five configured: the file is neither read nor written (so the 0600 rule does not apply); the state
 *       lives in memory and starts {@link Secrets.State#PENDING} at every start, so provisioning checks the admin
 *       on CouchDB (one login) and creates it if missing. Instances given the same five values serve the same
 *       tokens, each with an empty data folder;</li>
 *   <li>otherwise: {@link #load()} is the file's secrets with the configured ones put over them; {@link #save}
 *       writes the file with the file's own value for each configured secret (a fresh random one while there is
 *       no file yet, at first start).</li>
 * </ul>
 * Thread-safe.
 */
public final class ConfiguredSecretsStore implements SecretsStore {

    private final SecretsStore file;
    private final ConfiguredSecrets configured;
    private final RandomSource random;
    private Secrets.State state = Secrets.State.PENDING;

    /**
     * @param file the secrets file ({@link FileSecretsStore}); not used when all five secrets are configured
     * @param configured the secrets given by configuration
     * @param random source of the placeholders written to a new file in place of configured keys
     */
    public ConfiguredSecretsStore(SecretsStore file, ConfiguredSecrets configured, RandomSource random) {
        this.file = Objects.requireNonNull(file, "file");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public synchronized Optional<Secrets> load() {
        if (configured.isComplete()) {
            return Optional.of(new Secrets(configured.jwtSecret().orElseThrow(),
                    configured.sessionKey().orElseThrow(), configured.deploymentId().orElseThrow(),
                    configured.admin().orElseThrow(), state));
        }
        return file.load().map(this::configuredOver);
    }

    @Override
    public synchronized void save(Secrets secrets) {
        if (configured.isComplete()) {
            state = secrets.state();
            return;
        }
        Optional<Secrets> own = file.load();
        file.save(new Secrets(
                configured.jwtSecret().isEmpty() ? secrets.jwtSecret()
                        : own.map(Secrets::jwtSecret).orElseGet(() -> random.bytes(Secrets.MIN_JWT_SECRET_BYTES)),
                configured.sessionKey().isEmpty() ? secrets.sessionKey()
                        : own.map(Secrets::sessionKey).orElseGet(() -> random.bytes(Secrets.SESSION_KEY_BYTES)),
                configured.deploymentId().isEmpty() ? secrets.deploymentId()
                        : own.map(Secrets::deploymentId).orElseGet(InstanceId::random),
                secrets.admin(), secrets.state()));
    }

    @Override
    public String location() {
        return configured.isComplete() ? "the couchgate.secrets.* configuration" : file.location();
    }

    private Secrets configuredOver(Secrets own) {
        return new Secrets(configured.jwtSecret().orElse(own.jwtSecret()),
                configured.sessionKey().orElse(own.sessionKey()),
                configured.deploymentId().orElse(own.deploymentId()), own.admin(), own.state());
    }
}
