package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    @Test
    void of_lowerCasesTheName() {
        assertThat(Username.of("Alice").value()).isEqualTo("alice");
    }

    @Test
    void of_foldsFullwidthLettersByNfkc() {
        assertThat(Username.of("ａｌｉｃｅ")).isEqualTo(Username.of("alice"));
    }

    @Test
    void of_acceptsDigitsDotsUnderscoresAndHyphensAfterTheFirstCharacter() {
        assertThat(Username.of("9lives.cat_x-y").value()).isEqualTo("9lives.cat_x-y");
    }

    @Test
    void of_acceptsExactly3And64Characters() {
        assertThat(Username.of("abc").value()).isEqualTo("abc");
        assertThat(Username.of("a".repeat(64)).value()).hasSize(64);
    }

    @Test
    void twoCharacters_areRejectedAsTooShort() {
        assertRejected("al", "username must be at least 3 characters");
    }

    @Test
    void sixtyFiveCharacters_areRejectedAsTooLong() {
        assertRejected("a".repeat(65), "username must be at most 64 characters");
    }

    @Test
    void aLeadingUnderscoreInTwoCharacters_hitsTheLengthRuleFirst() {
        assertRejected("_x", "username must be at least 3 characters");
    }

    @Test
    void aLeadingUnderscore_isRejectedByTheFirstCharacterRule() {
        assertRejected("_xy", "username must start with a letter or digit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a:b", "a b", "alice@example.org", "élise"})
    void charactersOutsideTheAllowedSet_areRejected(String raw) {
        assertRejected(raw, "username may contain only a-z, 0-9, '.', '_' and '-'");
    }

    @Test
    void emptyName_isRejectedAsRequired() {
        assertRejected("", "username is required");
    }

    @Test
    void nullName_isRejectedAsRequired() {
        assertRejected(null, "username is required");
    }

    @Test
    void constructor_refusesUpperCase_becauseItTakesOnlyNormalisedNames() {
        assertThatThrownBy(() -> new Username("Alice"))
                .isInstanceOf(InvalidUsernameException.class)
                .hasMessage("username may contain only a-z, 0-9, '.', '_' and '-'");
    }

    @Test
    void toString_isTheNormalisedName() {
        assertThat(Username.of("BOB")).hasToString("bob");
    }

    private static void assertRejected(String raw, String rule) {
        assertThatThrownBy(() -> Username.of(raw))
                .isInstanceOf(InvalidUsernameException.class)
                .hasMessage(rule);
    }
}
