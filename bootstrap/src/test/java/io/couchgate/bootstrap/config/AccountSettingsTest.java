package io.couchgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.SignUpMode;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountSettingsTest {

    private final SettingsFactory factory = new SettingsFactory();

    @Test
    void nameQuarantine_defaultsTo30Days() {
        assertThat(accounts(Map.of()).nameQuarantine()).isEqualTo(Duration.ofDays(30));
    }

    @ParameterizedTest
    @CsvSource({"7d, PT168H", "12h, PT12H", "P3D, PT72H", "PT90M, PT1H30M"})
    void nameQuarantine_takesMicronautAndIso8601Durations(String written, String expected) {
        assertThat(accounts(Map.of("couchgate.signup.name-quarantine", written)).nameQuarantine())
                .isEqualTo(Duration.parse(expected));
    }

    @Test
    void invalidQuarantine_stopsTheStart_namingTheKey() {
        assertThatThrownBy(() -> accounts(Map.of("couchgate.signup.name-quarantine", "a month")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.signup.name-quarantine is not a duration (use e.g. 30s, 5m, 7d)");
        assertThatThrownBy(() -> accounts(Map.of("couchgate.signup.name-quarantine", "0d")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.signup.name-quarantine must be positive");
    }

    @Test
    void signUpMode_defaultsToOpen_andTakesEachMode() {
        assertThat(accounts(Map.of()).signUpMode()).isEqualTo(SignUpMode.OPEN);
        assertThat(accounts(Map.of("couchgate.signup.mode", "closed")).signUpMode()).isEqualTo(SignUpMode.CLOSED);
        assertThat(accounts(Map.of("couchgate.signup.mode", " Invite ")).signUpMode()).isEqualTo(SignUpMode.INVITE);
    }

    @Test
    void deprecatedEnabledFalse_meansClosed_unlessAModeIsSet() {
        assertThat(accounts(Map.of("couchgate.signup.enabled", "false")).signUpMode()).isEqualTo(SignUpMode.CLOSED);
        assertThat(accounts(Map.of("couchgate.signup.enabled", "true")).signUpMode()).isEqualTo(SignUpMode.OPEN);
        assertThat(accounts(Map.of("couchgate.signup.enabled", "false", "couchgate.signup.mode", "invite"))
                .signUpMode()).isEqualTo(SignUpMode.INVITE);
    }

    @Test
    void unknownMode_stopsTheStart_namingTheKey() {
        assertThatThrownBy(() -> accounts(Map.of("couchgate.signup.mode", "sometimes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("couchgate.signup.mode must be open, closed or invite, was 'sometimes'");
    }

    private AccountSettings accounts(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment env = context.getEnvironment().start();
            return factory.accounts(env);
        }
    }
}
