package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final CouchCredentials ADMIN = new CouchCredentials("couchgate-admin-x1y2z3w4", "pw");
    private static final InstanceId DEPLOYMENT =
            new InstanceId(UUID.fromString("6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b"));

    @Test
    void sessionKey_mustBeExactly32Bytes() {
        for (int length : new int[] {0, 16, 31, 33, 64}) {
            assertThatThrownBy(() -> secrets(filled(32, 1), filled(length, 2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("session key must be exactly 32 bytes");
        }
        assertThatThrownBy(() -> secrets(filled(32, 1), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(secrets(filled(32, 1), filled(32, 2)).sessionKey()).hasSize(32);
    }

    @Test
    void jwtSecret_mustBeAtLeast32Bytes_andDeploymentIdIsRequired() {
        assertThatThrownBy(() -> secrets(filled(31, 1), filled(32, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JWT secret must be at least 32 bytes");
        assertThat(secrets(filled(64, 1), filled(32, 2)).jwtSecret()).hasSize(64);
        assertThatThrownBy(() -> new Secrets(filled(32, 1), filled(32, 2), null, ADMIN, Secrets.State.PENDING))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("deploymentId");
    }

    @Test
    void keys_areCopiedInAndOut() {
        byte[] jwt = filled(32, 1);
        byte[] sessionKey = filled(32, 2);
        Secrets secrets = secrets(jwt, sessionKey);

        jwt[0] = 9;
        sessionKey[0] = 9;
        secrets.jwtSecret()[1] = 9;
        secrets.sessionKey()[1] = 9;

        assertThat(secrets.jwtSecret()).isEqualTo(filled(32, 1));
        assertThat(secrets.sessionKey()).isEqualTo(filled(32, 2));
    }

    @Test
    void equality_comparesEveryPart_byValue() {
        Secrets secrets = secrets(filled(32, 1), filled(32, 2));

        assertThat(secrets).isEqualTo(secrets(filled(32, 1), filled(32, 2)))
                .hasSameHashCodeAs(secrets(filled(32, 1), filled(32, 2)))
                .isNotEqualTo(secrets(filled(32, 1), filled(32, 3)))
                .isNotEqualTo(secrets(filled(32, 3), filled(32, 2)))
                .isNotEqualTo(new Secrets(filled(32, 1), filled(32, 2), InstanceId.random(), ADMIN,
                        Secrets.State.PENDING))
                .isNotEqualTo(secrets.activate());
        assertThat(secrets.activate()).isEqualTo(new Secrets(filled(32, 1), filled(32, 2), DEPLOYMENT, ADMIN,
                Secrets.State.ACTIVE));
    }

    private static Secrets secrets(byte[] jwt, byte[] sessionKey) {
        return new Secrets(jwt, sessionKey, DEPLOYMENT, ADMIN, Secrets.State.PENDING);
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
