package io.couchgate.bootstrap.secrets;

import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The secrets given by configuration instead of the secrets file, for secret managers: each of the five
 * {@code couchgate.secrets.*} properties (environment variables {@code COUCHGATE_SECRETS_*}) is optional. The rule:
 * <ul>
 *   <li>{@value #JWT_SECRET}, {@value #SESSION_KEY} and {@value #DEPLOYMENT_ID} may each be set alone; a set one
 *       overrides the file's value, and the file keeps its own (generated) value, never the configured one;</li>
 *   <li>{@value #ADMIN_NAME} and {@value #ADMIN_PASSWORD} go together, and only with the other three: then
 *       every secret comes from the configuration and no secrets file is read or written (see
 *       {@link ConfiguredSecretsStore}).</li>
 * </ul>
 * Invalid values stop the start with a {@link ConfigurationException} naming the property, never the value.
 * {@link #toString()} names the properties set, no value.
 */
public final class ConfiguredSecrets {

    /** Base64url (padding optional) of at least 32 bytes. */
    public static final String JWT_SECRET = "couchgate.secrets.jwt-secret";
    /** Base64url (padding optional) of exactly 32 bytes. */
    public static final String SESSION_KEY = "couchgate.secrets.session-key";
    /** A UUID in its 36-character form. */
    public static final String DEPLOYMENT_ID = "couchgate.secrets.deployment-id";
    /** couchgate's CouchDB admin's name. */
    public static final String ADMIN_NAME = "couchgate.secrets.admin-name";
    /** couchgate's CouchDB admin's password. */
    public static final String ADMIN_PASSWORD = "couchgate.secrets.admin-password";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final byte[] jwtSecret;
    private final byte[] sessionKey;
    private final InstanceId deploymentId;
    private final CouchCredentials admin;

    private ConfiguredSecrets(byte[] jwtSecret, byte[] sessionKey, InstanceId deploymentId, CouchCredentials admin) {
        this.jwtSecret = jwtSecret;
        this.sessionKey = sessionKey;
        this.deploymentId = deploymentId;
        this.admin = admin;
    }

    /** @return no secret configured: the secrets file holds them all */
    public static ConfiguredSecrets none() {
        return new ConfiguredSecrets(null, null, null, null);
    }

    /**
     * @param property a property's raw value by its name ({@code couchgate.secrets.*}); empty or blank counts as unset
     * @return the configured secrets, checked
     * @throws ConfigurationException naming the property that is invalid, or the rule that is broken
     */
    public static ConfiguredSecrets from(Function<String, Optional<String>> property) {
        Function<String, Optional<String>> set = key -> property.apply(key).map(String::strip)
                .filter(s -> !s.isEmpty());
        byte[] jwt = set.apply(JWT_SECRET).map(v -> key(JWT_SECRET, v, Secrets.MIN_JWT_SECRET_BYTES, false))
                .orElse(null);
        byte[] session = set.apply(SESSION_KEY).map(v -> key(SESSION_KEY, v, Secrets.SESSION_KEY_BYTES, true))
                .orElse(null);
        InstanceId id = set.apply(DEPLOYMENT_ID).map(ConfiguredSecrets::deploymentId).orElse(null);
        ConfiguredSecrets partial = new ConfiguredSecrets(jwt, session, id, null);
        CouchCredentials admin = admin(set.apply(ADMIN_NAME), property.apply(ADMIN_PASSWORD)
                .filter(s -> !s.isEmpty()), partial);
        return new ConfiguredSecrets(jwt, session, id, admin);
    }

    /** @return true if nothing is configured */
    public boolean isEmpty() {
        return jwtSecret == null && sessionKey == null && deploymentId == null && admin == null;
    }

    /** @return true if all five are configured, so no secrets file is needed */
    public boolean isComplete() {
        return admin != null;
    }

    /** @return the configured JWT key, copied */
    public Optional<byte[]> jwtSecret() {
        return Optional.ofNullable(jwtSecret).map(byte[]::clone);
    }

    /** @return the configured session key, copied */
    public Optional<byte[]> sessionKey() {
        return Optional.ofNullable(sessionKey).map(byte[]::clone);
    }

    /** @return the configured deployment id */
    public Optional<InstanceId> deploymentId() {
        return Optional.ofNullable(deploymentId);
    }

    /** @return the configured admin (only when {@link #isComplete()}) */
    public Optional<CouchCredentials> admin() {
        return Optional.ofNullable(admin);
    }

    /** @return the names of the properties set, e.g. {@code ConfiguredSecrets[couchgate.secrets.jwt-secret]} */
    @Override
    public String toString() {
        return "ConfiguredSecrets" + names();
    }

    /** @return the names of the properties that are set */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (jwtSecret != null) {
            names.add(JWT_SECRET);
        }
        if (sessionKey != null) {
            names.add(SESSION_KEY);
        }
        if (deploymentId != null) {
            names.add(DEPLOYMENT_ID);
        }
        if (admin != null) {
            names.addAll(List.of(ADMIN_NAME, ADMIN_PASSWORD));
        }
        return List.copyOf(names);
    }

    private static byte[] key(String property, String text, int bytes, boolean exact) {
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(named(property) + " is not base64url (RFC 4648, section 5)");
        }
        if (exact ? key.length != bytes : key.length < bytes) {
            throw new ConfigurationException(named(property) + " must be " + (exact ? "exactly " : "at least ")
                    + bytes + " bytes (" + (bytes * 4 + 2) / 3 + " base64url characters), was " + key.length
                    + " bytes");
        }
        return key;
    }

    private static InstanceId deploymentId(String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new ConfigurationException(named(DEPLOYMENT_ID) + " is not a UUID (36 characters, e.g. from "
                    + "uuidgen)");
        }
        return InstanceId.parse(text.toLowerCase(Locale.ROOT));
    }

    private static CouchCredentials admin(Optional<String> name, Optional<String> password,
                                          ConfiguredSecrets others) {
        if (name.isEmpty() && password.isEmpty()) {
            return null;
        }
        if (name.isEmpty() || password.isEmpty()) {
            throw new ConfigurationException("set both " + named(ADMIN_NAME) + " and " + named(ADMIN_PASSWORD)
                    + ", or neither");
        }
        List<String> missing = new ArrayList<>(List.of(JWT_SECRET, SESSION_KEY, DEPLOYMENT_ID));
        missing.removeAll(others.names());
        if (!missing.isEmpty()) {
            throw new ConfigurationException("a configured admin (" + ADMIN_NAME + ", " + ADMIN_PASSWORD
                    + ") replaces the secrets file, so every secret must be configured; missing: "
                    + String.join(", ", missing.stream().map(ConfiguredSecrets::named).toList()));
        }
        return new CouchCredentials(name.get(), password.get());
    }

    /** @return e.g. {@code couchgate.secrets.jwt-secret (COUCHGATE_SECRETS_JWT_SECRET)} */
    static String named(String property) {
        return property + " (" + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }
}
