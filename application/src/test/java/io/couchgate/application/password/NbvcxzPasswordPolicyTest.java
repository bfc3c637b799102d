package io.couchgate.application.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NbvcxzPasswordPolicyTest {

    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String EXCLUDED = "password is too easy to guess: This password is not allowed to be used.";
    private static final String NOT_EXCLUDED_ADVICE =
            "Please try a different password that is not on the exclusion list, add extra words, or digits.";
    // One instance for the class: the dictionaries load once per JVM anyway.
    private static final NbvcxzPasswordPolicy POLICY = new NbvcxzPasswordPolicy(PasswordPolicyConfig.DEFAULT);
    private static final Username ALICE = Username.of("alice");

    @Test
    void random16CharacterPasswords_areAccepted() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 20; i++) {
            char[] password = new char[16];
            for (int j = 0; j < password.length; j++) {
                password[j] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            assertThatCode(() -> POLICY.requireAcceptable(password, ALICE)).doesNotThrowAnyException();
        }
    }

    @Test
    void password1234_isRefusedAsATop10Password() {
        assertThatThrownBy(() -> POLICY.requireAcceptable("password1234".toCharArray(), ALICE))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password is too easy to guess: This is a top-10 common password.")
                .extracting(e -> ((WeakPasswordException) e).suggestions()).asList()
                .containsExactly("Add another word or two. Uncommon words are better.");
    }

    @Test
    void theUsernameRepeated_isRefusedAsExcluded() {
        assertThatThrownBy(() -> POLICY.requireAcceptable("alicealicealice".toCharArray(), ALICE))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage(EXCLUDED)
                .extracting(e -> ((WeakPasswordException) e).suggestions()).asList()
                .containsExactly(NOT_EXCLUDED_ADVICE);
    }

    @Test
    void aStrongLookingPassword_isRefusedOnlyForTheAccountItIsNamedAfter() {
        Username named = Username.of("q7vxk2zr9tmw");
        assertThatCode(() -> POLICY.requireAcceptable("q7vxk2zr9tmw".toCharArray(), Username.of("bob")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> POLICY.requireAcceptable("q7vxk2zr9tmw!".toCharArray(), named))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage(EXCLUDED);
    }

    @Test
    void correcthorse_isRefusedAsVeryCommon() {
        assertThatThrownBy(() -> POLICY.requireAcceptable("correcthorse".toCharArray(), ALICE))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password is too easy to guess: This is a very common password.");
    }

    @Test
    void elevenCharacters_areRefusedAsTooShort_beforeEstimating() {
        assertThatThrownBy(() -> POLICY.requireAcceptable("x7#Kq9!mZ2p".toCharArray(), ALICE))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password must be at least 12 characters");
    }

    @Test
    void lengthCountsCodePoints_notUtf16Units() {
        char[] elevenEmoji = "😀🎲🦊🌵🚲🧩🎻🪁🥝🛶🧭".toCharArray();
        assertThat(elevenEmoji).hasSize(22);
        assertThatThrownBy(() -> POLICY.requireAcceptable(elevenEmoji, ALICE))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password must be at least 12 characters");
    }

    @Test
    void moreThan1024Characters_areRefused_withoutEstimating() {
        char[] tooLong = "aB3$".repeat(257).toCharArray();
        assertThatThrownBy(() -> POLICY.requireAcceptable(tooLong, ALICE))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessage("password must be at most 1024 characters");
    }

    @Test
    void configuredMinimums_apply() {
        NbvcxzPasswordPolicy lenient = new NbvcxzPasswordPolicy(new PasswordPolicyConfig(8, 10));
        assertThatCode(() -> lenient.requireAcceptable("zebra-cloud".toCharArray(), ALICE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> POLICY.requireAcceptable("zebra-cloud".toCharArray(), ALICE))
                .hasMessage("password must be at least 12 characters");
    }

    @Test
    void config_refusesNonsense() {
        assertThatThrownBy(() -> new PasswordPolicyConfig(0, 40)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password min-length must be between 1 and 1024");
        assertThatThrownBy(() -> new PasswordPolicyConfig(12, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password min-entropy-bits must be a finite number >= 0");
        assertThatThrownBy(() -> new PasswordPolicyConfig(12, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PasswordPolicyConfig.DEFAULT).isEqualTo(new PasswordPolicyConfig(12, 40));
    }

    @Test
    void longPassword_isJudgedByItsFirst64Characters_strongPrefix_isAccepted() {
        String strongPrefix = "violet-Tundra-93-quill-harbor-" + "x".repeat(34);
        char[] password = (strongPrefix + "a".repeat(1024 - 64)).toCharArray();

        assertThatCode(() -> POLICY.requireAcceptable(password, ALICE)).doesNotThrowAnyException();
    }

    @Test
    void longPassword_isJudgedByItsFirst64Characters_weakPrefix_isRefused_whateverFollows() {
        char[] password = ("a".repeat(64) + "violet-Tundra-93-quill-harbor-Kettle-47-orbit").toCharArray();

        assertThatThrownBy(() -> POLICY.requireAcceptable(password, ALICE))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageStartingWith("password is too easy to guess");
    }

    @Test
    void prefixCut_neverSplitsASurrogatePair() {
        char[] emojiAcrossTheCut = ("a".repeat(63) + "\ud83d\ude00" + "violet-Tundra").toCharArray();
        char[] emojiBeforeTheCut = ("a".repeat(62) + "\ud83d\ude00" + "violet-Tundra").toCharArray();

        assertThat(NbvcxzPasswordPolicy.prefixLength(emojiAcrossTheCut)).isEqualTo(63);
        assertThat(NbvcxzPasswordPolicy.prefixLength(emojiBeforeTheCut)).isEqualTo(64);
        assertThat(NbvcxzPasswordPolicy.prefixLength("short".toCharArray())).isEqualTo(5);
    }

    @Test
    void passwordExactlyThePrefixLong_isEstimatedWhole_evenEndingInAHighSurrogate() {
        char[] exactly = ("a".repeat(63) + "\ud83d").toCharArray();

        assertThat(NbvcxzPasswordPolicy.prefixLength(exactly)).isEqualTo(NbvcxzPasswordPolicy.ESTIMATED_PREFIX);
    }
}
