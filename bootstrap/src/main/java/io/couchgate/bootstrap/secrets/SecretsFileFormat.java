package io.couchgate.bootstrap.secrets;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The keys of {@code secrets.properties} and their values. Binary keys are base64url (RFC 4648, section 5), written
 * without padding and read with or without it. Messages name the key and never its value.
 *
 * <pre>
 * state=PENDING|ACTIVE
 * jwt-secret=&lt;base64url of at least 32 bytes&gt;
 * session-key=&lt;base64url of exactly 32 bytes&gt;     (since the durable session mode; added on upgrade)
 * deployment-id=&lt;UUID&gt;                          (since the durable session mode; added on upgrade)
 * admin.name=&lt;CouchDB user name&gt;
 * admin.password=&lt;its password&gt;
 * </pre>
 */
final class SecretsFileFormat {

    static final String STATE = "state";
    static final String JWT_SECRET = "jwt-secret";
    static final String SESSION_KEY = "session-key";
    static final String DEPLOYMENT_ID = "deployment-id";
    static final String ADMIN_NAME = "admin.name";
    static final String ADMIN_PASSWORD = "admin.password";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SecretsFileFormat() {
    }

    /**
     * @param p the file's properties
     * @return the keys that the durable session mode added and that {@code p} lacks (written by an earlier version)
     */
    static List<String> missingSinceUpgrade(Properties p) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of(SESSION_KEY, DEPLOYMENT_ID)) {
            if (p.getProperty(key, "").isEmpty()) {
                missing.add(key);
            }
        }
        return missing;
    }

    /**
     * @param p a complete file's properties
     * @return its secrets
     * @throws IllegalArgumentException naming the first missing or invalid key (never its value)
     */
    static Secrets read(Properties p) {
        byte[] jwt = base64Url(p, JWT_SECRET);
        if (jwt.length < Secrets.MIN_JWT_SECRET_BYTES) {
            throw new IllegalArgumentException(JWT_SECRET + " must be at least " + Secrets.MIN_JWT_SECRET_BYTES
                    + " bytes, was " + jwt.length);
        }
        byte[] sessionKey = base64Url(p, SESSION_KEY);
        if (sessionKey.length != Secrets.SESSION_KEY_BYTES) {
            throw new IllegalArgumentException(SESSION_KEY + " must be exactly " + Secrets.SESSION_KEY_BYTES
                    + " bytes, was " + sessionKey.length);
        }
        return new Secrets(jwt, sessionKey, deploymentId(p), new CouchCredentials(required(p, ADMIN_NAME),
                required(p, ADMIN_PASSWORD)), state(p));
    }

    /**
     * @param secrets what to keep
     * @return the file's text, one key a line, in a fixed order
     */
    static String write(Secrets secrets) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "# couchgate secrets: keep this file private (mode 0600)\n"
                + STATE + "=" + secrets.state() + "\n"
                + JWT_SECRET + "=" + b64.encodeToString(secrets.jwtSecret()) + "\n"
                + SESSION_KEY + "=" + b64.encodeToString(secrets.sessionKey()) + "\n"
                + DEPLOYMENT_ID + "=" + secrets.deploymentId() + "\n"
                + ADMIN_NAME + "=" + escape(secrets.admin().name()) + "\n"
                + ADMIN_PASSWORD + "=" + escape(secrets.admin().password()) + "\n";
    }

    private static byte[] base64Url(Properties p, String key) {
        String text = required(p, key).trim();
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not base64url");
        }
    }

    private static InstanceId deploymentId(Properties p) {
        String text = required(p, DEPLOYMENT_ID).trim();
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException(DEPLOYMENT_ID + " is not a UUID");
        }
        return InstanceId.parse(text);
    }

    private static Secrets.State state(Properties p) {
        try {
            return Secrets.State.valueOf(required(p, STATE).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STATE + " must be PENDING or ACTIVE");
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing key " + key);
        }
        return v;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
