package io.couchgate.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PasswordInputTest {

    private static char[] ofLength(int length) {
        char[] password = new char[length];
        Arrays.fill(password, 'a');
        return password;
    }

    @Test
    void emptyOrMissingPassword_isRequired() {
        assertThat(PasswordInput.lengthProblem(new char[0])).contains("is required");
        assertThat(PasswordInput.lengthProblem(null)).contains("is required");
        assertThat(PasswordInput.hasPossibleLength(new char[0])).isFalse();
    }

    @Test
    void oneTo1024Characters_havePossibleLength() {
        assertThat(PasswordInput.lengthProblem(ofLength(1))).isEmpty();
        assertThat(PasswordInput.lengthProblem(ofLength(1024))).isEmpty();
        assertThat(PasswordInput.hasPossibleLength(ofLength(1024))).isTrue();
    }

    @Test
    void passwordOf1025Characters_isTooLong_countedInUtf16Characters() {
        assertThat(PasswordInput.lengthProblem(ofLength(1025))).contains("must be at most 1024 characters");
        char[] surrogates = "😀".repeat(513).toCharArray();
        assertThat(PasswordInput.hasPossibleLength(surrogates)).isFalse();
    }

    @Test
    void commands_refuseImpossibleLengths_withTheSameWords() {
        assertThatThrownBy(() -> new LogInCommand("alice", ofLength(1025)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must be at most 1024 characters");
        assertThatThrownBy(() -> new LogInCommand("alice", new char[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password is required");
    }
}
