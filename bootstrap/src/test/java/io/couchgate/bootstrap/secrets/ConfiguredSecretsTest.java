package io.couchgate.bootstrap.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredSecretsTest {

    static final String JWT = b64(filled(48, 1));
    static final String SESSION_KEY = b64(filled(32, 2));
    static final String DEPLOYMENT_ID = "6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String ADMIN_PASSWORD = "configured-admin-password-0123456789";

    @Test
    void nothingSet_isEmpty() {
        ConfiguredSecrets none = parse(Map.of());

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.isComplete()).isFalse();
        assertThat(parse(Map.of(ConfiguredSecrets.JWT_SECRET, "  ")).isEmpty()).isTrue();
        assertThat(ConfiguredSecrets.none().names()).isEmpty();
    }

    @Test
    void allFive_areParsed_withOrWithoutPadding() {
        ConfiguredSecrets all = parse(allFive(Map.of(ConfiguredSecrets.SESSION_KEY,
                Base64.getUrlEncoder().encodeToString(filled(32, 2)))));

        assertThat(all.isComplete()).isTrue();
        assertThat(all.jwtSecret()).hasValueSatisfying(k -> assertThat(k).isEqualTo(filled(48, 1)));
        assertThat(all.sessionKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(filled(32, 2)));
        assertThat(all.deploymentId()).contains(InstanceId.parse(DEPLOYMENT_ID));
        assertThat(all.admin()).contains(new CouchCredentials("couchgate-admin-cfg", ADMIN_PASSWORD));
        assertThat(all.toString()).isEqualTo("ConfiguredSecrets[couchgate.secrets.jwt-secret, "
                + "couchgate.secrets.session-key, couchgate.secrets.deployment-id, couchgate.secrets.admin-name, "
                + "couchgate.secrets.admin-password]");
    }

    /** RFC 7518, section 3.2: an HS256 key of exactly the hash size (32 bytes) is long enough. */
    @Test
    void aJwtSecretOfExactly32Bytes_isAccepted() {
        assertThat(parse(Map.of(ConfiguredSecrets.JWT_SECRET, b64(filled(32, 1)))).jwtSecret())
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(filled(32, 1)));
    }

    @Test
    void keysAndIdMayBeSetAlone() {
        ConfiguredSecrets jwtOnly = parse(Map.of(ConfiguredSecrets.JWT_SECRET, JWT + "\n"));

        assertThat(jwtOnly.isEmpty()).isFalse();
        assertThat(jwtOnly.isComplete()).isFalse();
        assertThat(jwtOnly.names()).containsExactly(ConfiguredSecrets.JWT_SECRET);
        assertThat(parse(Map.of(ConfiguredSecrets.DEPLOYMENT_ID, DEPLOYMENT_ID.toUpperCase())).deploymentId())
                .contains(InstanceId.parse(DEPLOYMENT_ID));
    }

    @Test
    void invalidValues_stopTheStart_namingThePropertyAndItsVariable_butNeverTheValue() {
        refused(Map.of(ConfiguredSecrets.JWT_SECRET, "not*base64!"),
                "couchgate.secrets.jwt-secret (COUCHGATE_SECRETS_JWT_SECRET) is not base64url (RFC 4648, section 5)",
                "not*base64!");
        String shortJwt = b64(filled(31, 3));
        refused(Map.of(ConfiguredSecrets.JWT_SECRET, shortJwt), "couchgate.secrets.jwt-secret "
                + "(COUCHGATE_SECRETS_JWT_SECRET) must be at least 32 bytes (43 base64url characters), was 31 bytes",
                shortJwt);
        String longKey = b64(filled(33, 4));
        refused(Map.of(ConfiguredSecrets.SESSION_KEY, longKey), "couchgate.secrets.session-key "
                + "(COUCHGATE_SECRETS_SESSION_KEY) must be exactly 32 bytes (43 base64url characters), was 33 bytes",
                longKey);
        refused(Map.of(ConfiguredSecrets.DEPLOYMENT_ID, "prod-1"), "couchgate.secrets.deployment-id "
                + "(COUCHGATE_SECRETS_DEPLOYMENT_ID) is not a UUID (36 characters, e.g. from uuidgen)", "prod-1");
    }

    @Test
    void anAdminHalfSet_stopsTheStart() {
        Map<String, String> nameOnly = new HashMap<>(allFive(Map.of()));
        nameOnly.remove(ConfiguredSecrets.ADMIN_PASSWORD);
        refused(nameOnly, "set both couchgate.secrets.admin-name (COUCHGATE_SECRETS_ADMIN_NAME) and "
                + "couchgate.secrets.admin-password (COUCHGATE_SECRETS_ADMIN_PASSWORD), or neither", JWT);
        refused(Map.of(ConfiguredSecrets.ADMIN_PASSWORD, ADMIN_PASSWORD), "set both couchgate.secrets.admin-name "
                + "(COUCHGATE_SECRETS_ADMIN_NAME) and couchgate.secrets.admin-password "
                + "(COUCHGATE_SECRETS_ADMIN_PASSWORD), or neither", ADMIN_PASSWORD);
    }

    @Test
    void anAdminWithoutTheOtherSecrets_stopsTheStart_namingWhatIsMissing() {
        refused(Map.of(ConfiguredSecrets.ADMIN_NAME, "couchgate-admin-cfg", ConfiguredSecrets.ADMIN_PASSWORD,
                        ADMIN_PASSWORD, ConfiguredSecrets.JWT_SECRET, JWT),
                "a configured admin (couchgate.secrets.admin-name, couchgate.secrets.admin-password) replaces the "
                        + "secrets file, so every secret must be configured; missing: couchgate.secrets.session-key "
                        + "(COUCHGATE_SECRETS_SESSION_KEY), couchgate.secrets.deployment-id "
                        + "(COUCHGATE_SECRETS_DEPLOYMENT_ID)", ADMIN_PASSWORD);
    }

    static Map<String, String> allFive(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of(ConfiguredSecrets.JWT_SECRET, JWT,
                ConfiguredSecrets.SESSION_KEY, SESSION_KEY, ConfiguredSecrets.DEPLOYMENT_ID, DEPLOYMENT_ID,
                ConfiguredSecrets.ADMIN_NAME, "couchgate-admin-cfg", ConfiguredSecrets.ADMIN_PASSWORD,
                ADMIN_PASSWORD));
        all.putAll(overrides);
        return all;
    }

    static ConfiguredSecrets parse(Map<String, String> properties) {
        return ConfiguredSecrets.from(key -> Optional.ofNullable(properties.get(key)));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static void refused(Map<String, String> properties, String message, String secretValue) {
        assertThatThrownBy(() -> parse(properties))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message)
                .hasMessageNotContaining(secretValue);
    }
}
