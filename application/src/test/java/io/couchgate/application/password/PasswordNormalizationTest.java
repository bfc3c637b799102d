package io.couchgate.application.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordNormalizationTest {

    @Test
    void asciiPassword_isCopiedUnchanged() {
        char[] typed = "Tr0ub4dor&3 x".toCharArray();
        char[] normalised = PasswordNormalization.nfkc(typed);
        assertThat(normalised).containsExactly("Tr0ub4dor&3 x".toCharArray());
        assertThat(normalised).isNotSameAs(typed);
    }

    @Test
    void fullwidthLetters_becomeAscii() {
        assertThat(PasswordNormalization.nfkc("ｐａｓｓ１".toCharArray())).containsExactly("pass1".toCharArray());
    }

    @Test
    void decomposedAccent_isComposed() {
        assertThat(PasswordNormalization.nfkc("e\u0301t\u00e9".toCharArray()))
                .containsExactly("\u00e9t\u00e9".toCharArray());
    }

    @Test
    void compatibilityCharacters_areFolded_butCaseIsKept() {
        assertThat(PasswordNormalization.nfkc("\ufb01Ⅻ²Ab".toCharArray())).containsExactly("fiXII2Ab".toCharArray());
    }

    @Test
    void nfkc_leavesTheInputUntouched() {
        char[] typed = "ｐａｓｓ".toCharArray();
        PasswordNormalization.nfkc(typed);
        assertThat(typed).containsExactly("ｐａｓｓ".toCharArray());
    }

    @Test
    void wipe_zeroesCharsAndBytes_andIgnoresNull() {
        char[] chars = "secret".toCharArray();
        byte[] bytes = {1, 2, 3};
        PasswordNormalization.wipe(chars);
        PasswordNormalization.wipe(bytes);
        PasswordNormalization.wipe((char[]) null);
        assertThat(chars).containsOnly('\0');
        assertThat(bytes).containsOnly((byte) 0);
    }

    @Test
    void hasUnpairedSurrogate_findsLoneHighAndLowSurrogates_butNotPairs() {
        assertThat(PasswordNormalization.hasUnpairedSurrogate("zebra-\ud800-lantern".toCharArray())).isTrue();
        assertThat(PasswordNormalization.hasUnpairedSurrogate("zebra-\udc00-lantern".toCharArray())).isTrue();
        assertThat(PasswordNormalization.hasUnpairedSurrogate("zebra-\udc00\ud800".toCharArray())).isTrue();
        assertThat(PasswordNormalization.hasUnpairedSurrogate("zebra-\ud800".toCharArray())).isTrue();
        assertThat(PasswordNormalization.hasUnpairedSurrogate("zebra-\ud83d\ude00-lantern".toCharArray())).isFalse();
        assertThat(PasswordNormalization.hasUnpairedSurrogate("zebra-quartz".toCharArray())).isFalse();
    }
}
