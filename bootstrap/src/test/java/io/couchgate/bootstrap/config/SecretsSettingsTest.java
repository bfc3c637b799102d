package io.couchgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.bootstrap.secrets.ConfiguredSecrets;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secrets given by configuration, as Micronaut reads them from environment variables (secret managers). */
class SecretsSettingsTest {

    private static final String JWT = Base64.getUrlEncoder().withoutPadding().encodeToString(filled(32, 1));
    private static final String SESSION_KEY = Base64.getUrlEncoder().encodeToString(filled(32, 2));
    private static final String ADMIN_PASSWORD = "admin-password-from-the-secret-manager";

    private final SettingsFactory factory = new SettingsFactory();

    @Test
    void noSecretVariables_meanTheFileHoldsThemAll() {
        assertThat(fromEnvironment(Map.of()).isEmpty()).isTrue();
    }

    @Test
    void theFiveEnvironmentVariables_giveEverySecret() {
        ConfiguredSecrets secrets = fromEnvironment(Map.of("COUCHGATE_SECRETS_JWT_SECRET", JWT,
                "COUCHGATE_SECRETS_SESSION_KEY", SESSION_KEY,
                "COUCHGATE_SECRETS_DEPLOYMENT_ID", "6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
                "COUCHGATE_SECRETS_ADMIN_NAME", "couchgate-admin-prod",
                "COUCHGATE_SECRETS_ADMIN_PASSWORD", ADMIN_PASSWORD));

        assertThat(secrets.isComplete()).isTrue();
        assertThat(secrets.jwtSecret()).hasValueSatisfying(k -> assertThat(k).isEqualTo(filled(32, 1)));
        assertThat(secrets.sessionKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(filled(32, 2)));
        assertThat(secrets.deploymentId()).contains(InstanceId.parse("6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b"));
        assertThat(secrets.admin()).contains(new CouchCredentials("couchgate-admin-prod", ADMIN_PASSWORD));
    }

    @Test
    void anInvalidVariable_stopsTheStart_namingItWithoutItsValue() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("COUCHGATE_SECRETS_SESSION_KEY", JWT + "AAAA")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.secrets.session-key (COUCHGATE_SECRETS_SESSION_KEY) must be exactly 32 bytes "
                        + "(43 base64url characters), was 35 bytes")
                .hasMessageNotContaining(JWT);
        assertThatThrownBy(() -> fromEnvironment(Map.of("COUCHGATE_SECRETS_ADMIN_NAME", "couchgate-admin-prod")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("set both couchgate.secrets.admin-name");
    }

    private ConfiguredSecrets fromEnvironment(Map<String, Object> variables) {
        try (ApplicationContext context = ApplicationContext.builder().propertySources(PropertySource.of("env",
                variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).build()) {
            Environment env = context.getEnvironment().start();
            return factory.configuredSecrets(env);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
