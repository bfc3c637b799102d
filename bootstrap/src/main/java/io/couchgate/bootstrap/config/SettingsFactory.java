package io.couchgate.bootstrap.config;

import io.couchgate.application.account.SignUpService;
import io.couchgate.application.password.BoundedPasswordHasher;
import io.couchgate.application.port.in.SignUpMode;
import io.couchgate.application.session.SessionCap;
import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.bootstrap.secrets.ConfiguredSecrets;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbUrl;
import io.couchgate.domain.DatabasePolicy;
import io.couchgate.domain.HashParameters;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/** Reads {@link CouchgateSettings} from Micronaut's environment; invalid values stop the start with one line. */
@Factory
class SettingsFactory {

    static final String BOOTSTRAP_USER_ENV = "COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER";
    static final String BOOTSTRAP_PASSWORD_ENV = "COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_PASSWORD";

    @Singleton
    CouchgateSettings settings(Environment env) {
        return new CouchgateSettings(
                couchDbUrl(env, env.getProperty("couchgate.couchdb.tls.allow-insecure", Boolean.class, false)),
                duration(env, "couchgate.couchdb.connect-timeout"),
                duration(env, "couchgate.couchdb.read-timeout"),
                duration(env, "couchgate.couchdb.request-timeout"),
                env.getProperty("couchgate.couchdb.tls.ca-file", String.class).filter(s -> !s.isBlank()).map(Path::of),
                env.getProperty("couchgate.couchdb.tls.allow-insecure", Boolean.class, false),
                bootstrapAdmin(env),
                Path.of(env.getProperty("couchgate.data-dir", String.class, "data")),
                databases(env),
                duration(env, "couchgate.sessions.ttl", "7d"),
                duration(env, "couchgate.sessions.reaper-interval", "60s"),
                env.getProperty("couchgate.signup.enabled", Boolean.class, true),
                env.getProperty("couchgate.password.min-length", Integer.class, 12),
                env.getProperty("couchgate.password.min-entropy-bits", Double.class, 40.0),
                new HashParameters(
                        env.getProperty("couchgate.password.argon2.memory-kib", Integer.class, 19456),
                        env.getProperty("couchgate.password.argon2.iterations", Integer.class, 2),
                        env.getProperty("couchgate.password.argon2.parallelism", Integer.class, 1)));
    }

    /**
     * The secrets given by configuration, for secret managers ({@code couchgate.secrets.*}, or the environment
     * variables {@code COUCHGATE_SECRETS_*}); see {@link ConfiguredSecrets} for the rule.
     */
    @Singleton
    ConfiguredSecrets configuredSecrets(Environment env) {
        return ConfiguredSecrets.from(key -> env.getProperty(key, String.class));
    }

    @Singleton
    LimitSettings limits(Environment env, CouchgateSettings settings) {
        return new LimitSettings(
                maxConcurrentHashes(env, settings.argon2()),
                duration(env, "couchgate.password.queue-timeout",
                        BoundedPasswordHasher.DEFAULT_QUEUE_TIMEOUT.toMillis() + "ms"),
                positive(env, "couchgate.sessions.max-per-user", SessionCap.DEFAULT_MAX_PER_USER));
    }

    @Singleton
    AccountSettings accounts(Environment env) {
        return new AccountSettings(duration(env, "couchgate.signup.name-quarantine",
                SignUpService.DEFAULT_NAME_QUARANTINE.toDays() + "d"), signUpMode(env));
    }

    /**
     * {@code couchgate.signup.mode} when set; else the deprecated {@code couchgate.signup.enabled} ({@code false}:
     * closed, with one WARN line); else open.
     */
    private static SignUpMode signUpMode(Environment env) {
        Optional<String> mode = env.getProperty("couchgate.signup.mode", String.class).filter(s -> !s.isBlank());
        if (mode.isPresent()) {
            try {
                return SignUpMode.parse(mode.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }
        if (!env.getProperty("couchgate.signup.enabled", Boolean.class, true)) {
            LoggerFactory.getLogger(SettingsFactory.class).warn("couchgate.signup.enabled is deprecated: "
                    + "set couchgate.signup.mode: closed instead");
            return SignUpMode.CLOSED;
        }
        return SignUpMode.OPEN;
    }

    @Singleton
    InstanceSettings instances(Environment env) {
        String store = env.getProperty("couchgate.sessions.store", String.class, InstanceSettings.MEMORY).trim()
                .toLowerCase(Locale.ROOT);
        if (!store.equals(InstanceSettings.MEMORY) && !store.equals(InstanceSettings.COUCHDB)) {
            throw new ConfigurationException("couchgate.sessions.store must be memory or couchdb, was '" + store + "'");
        }
        String database = env.getProperty("couchgate.sessions.database", String.class,
                InstanceSettings.DEFAULT_SESSIONS_DATABASE).trim();
        if (!InstanceSettings.DATABASE_NAME.matcher(database).matches()) {
            throw new ConfigurationException("couchgate.sessions.database must be a CouchDB database name (a-z "
                    + "first, then a-z, 0-9 and _$()+-/, at most 238 characters), was '" + database + "'");
        }
        return new InstanceSettings(store, duration(env, "couchgate.instances.lease-interval", "10s"), database,
                duration(env, "couchgate.sessions.orphan-grace", "1m"));
    }

    /** {@code auto} (or unset): from the heap, see {@link BoundedPasswordHasher#defaultMaxConcurrent}. */
    private static int maxConcurrentHashes(Environment env, HashParameters argon2) {
        String key = "couchgate.password.max-concurrent-hashes";
        String raw = env.getProperty(key, String.class, "auto").trim();
        if (raw.equalsIgnoreCase("auto")) {
            return BoundedPasswordHasher.defaultMaxConcurrent(Runtime.getRuntime().maxMemory(), argon2);
        }
        return positive(key, raw, "a whole number of at least 1 or auto");
    }

    private static int positive(Environment env, String key, int fallback) {
        return positive(key, env.getProperty(key, String.class, Integer.toString(fallback)).trim(),
                "a whole number of at least 1");
    }

    private static int positive(String key, String raw, String expected) {
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key + " must be " + expected + ", was '" + raw + "'");
    }

    /** {@code couchgate.couchdb.url} checked by {@link CouchDbUrl}, plain http to a remote host included. */
    private static URI couchDbUrl(Environment env, boolean allowInsecure) {
        String raw = env.getProperty("couchgate.couchdb.url", String.class, "http://127.0.0.1:5984");
        try {
            CouchDbUrl url = CouchDbUrl.parse(raw);
            url.requireSafeTransport(allowInsecure);
            return url.uri();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("couchgate.couchdb.url is invalid: " + e.getMessage()
                    + (raw.contains("@") ? " (the bootstrap admin comes from " + BOOTSTRAP_USER_ENV + " / "
                    + BOOTSTRAP_PASSWORD_ENV + ")" : ""));
        }
    }

    static Duration duration(Environment env, String key, String fallback) {
        Optional<Duration> d = env.getProperty(key, Duration.class);
        if (d.isEmpty() && env.containsProperty(key)) {
            throw new ConfigurationException(key + " is not a duration (use e.g. 30s, 5m, 7d)");
        }
        return positive(key, d.orElseGet(() -> env.convertRequired(fallback, Duration.class)));
    }

    /**
     * A duration whose default lives in {@code application.yml} alone (the CouchDB timeouts), not in code.
     *
     * @throws ConfigurationException when the key is missing, not a duration, or not positive
     */
    static Duration duration(Environment env, String key) {
        if (!env.containsProperty(key)) {
            throw new ConfigurationException(key + " is not set (application.yml gives its default)");
        }
        return duration(env, key, "0s");
    }

    private static Duration positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(key + " must be positive");
        }
        return value;
    }

    /**
     * The bootstrap admin comes from the environment ({@value #BOOTSTRAP_USER_ENV}, {@value #BOOTSTRAP_PASSWORD_ENV});
     * Micronaut maps those to {@code couchgate.couchdb.bootstrap-admin.user/password}, which tests set directly.
     * It is never written to disk by couchgate, and never logged.
     */
    private static Optional<CouchCredentials> bootstrapAdmin(Environment env) {
        return bootstrapAdmin(env.getProperty("couchgate.couchdb.bootstrap-admin.user", String.class).orElse(null),
                env.getProperty("couchgate.couchdb.bootstrap-admin.password", String.class).orElse(null));
    }

    static Optional<CouchCredentials> bootstrapAdmin(String user, String password) {
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw new ConfigurationException("set both " + BOOTSTRAP_USER_ENV + " and " + BOOTSTRAP_PASSWORD_ENV
                    + ", or neither");
        }
        return hasUser ? Optional.of(new CouchCredentials(user, password)) : Optional.empty();
    }

    private static List<AppDatabase> databases(Environment env) {
        Map<String, Object> raw = new TreeMap<>(env.getProperties("couchgate.databases"));
        if (raw.isEmpty()) {
            raw.put("posts", "owner-write");
        }
        List<AppDatabase> out = new ArrayList<>();
        raw.forEach((name, policy) -> out.add(database(name, String.valueOf(policy))));
        return List.copyOf(out);
    }

    private static AppDatabase database(String name, String policy) {
        DatabasePolicy p;
        try {
            p = DatabasePolicy.valueOf(policy.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("couchgate.databases." + name + ": unknown policy '" + policy
                    + "' (known: owner-write)");
        }
        try {
            return new AppDatabase(name, p);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("couchgate.databases: " + e.getMessage());
        }
    }
}
