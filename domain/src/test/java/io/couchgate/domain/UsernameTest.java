package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    private static final String LENGTH =
            "usernames are 3 to 64 characters (a Chinese, Japanese or Korean character counts as two towards the 3)";
    private static final Pattern OLD_RULES = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    @ParameterizedTest
    @CsvSource({"élise, élise", "Élise, élise", "Jürgen, jürgen", "JÜRGEN, jürgen", "李雷, 李雷",
                "Μαρία, μαρία", "Владимир, владимир", "東京とうきょう, 東京とうきょう", "tokyo東京, tokyo東京",
                "김철수, 김철수", "ΣΑΣ, σας"})
    void unicodeLettersAndDigits_areAccepted_lowerCased(String typed, String canonical) {
        assertThat(Username.of(typed).value()).isEqualTo(canonical);
    }

    @Test
    void decomposedAccents_areComposed_byNfc() {
        assertThat(Username.of("e\u0301lise")).isEqualTo(Username.of("\u00e9lise"));
        assertThat(Username.of("e\u0301lise").value()).isEqualTo("\u00e9lise");
    }

    @Test
    void fullwidthAndHalfwidthForms_areWidthMapped() {
        assertThat(Username.of("ａｌｉｃｅ").value()).isEqualTo("alice");
        assertThat(Username.of("ＪÜＲＧＥＮ").value()).isEqualTo("jürgen");
        assertThat(Username.of("ｱｲｳ").value()).isEqualTo("アイウ");
    }

    @Test
    void wideCharacters_countTwiceTowardsTheMinimum_butTwoNarrowOnesAreTooShort() {
        assertThat(Username.of("李雷").value()).isEqualTo("李雷");
        assertRejected("李", LENGTH);
        assertRejected("al", LENGTH);
        assertRejected("él", LENGTH);
    }

    @Test
    void exactly3And64Characters_areAccepted_65AreNot() {
        assertThat(Username.of("abc").value()).isEqualTo("abc");
        assertThat(Username.of("a".repeat(64)).value()).hasSize(64);
        assertThat(Username.of("李".repeat(64)).value()).hasSize(64);
        assertRejected("a".repeat(65), LENGTH);
        assertRejected("ü".repeat(65), LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob", "9lives.cat_x-y", "a..b", "abc-", "x_y", "0-0", "user.name",
                            "couchgate-probe", "admin", "root"})
    void everyNameOfTheOldRules_isValidAndUnchanged(String old) {
        assertThat(new Username(old).value()).isEqualTo(old);
        assertThat(Username.of(old).value()).isEqualTo(old);
        assertThat(Username.forLogIn(old)).contains(new Username(old));
    }

    @Test
    void everyOldNameShape_withAnyBmpCharacter_mapsToTheSameAccountAtLogIn_asUnderNfkc() {
        // Every input the old rules (NFKC, lower case, [a-z0-9][a-z0-9._-]{2,63}) accepted reaches the same account.
        for (int cp = 0; cp < 0x10000; cp++) {
            if (Character.isSurrogate((char) cp)) {
                continue;
            }
            String typed = "ab" + new String(Character.toChars(cp)) + "x";
            String old = Normalizer.normalize(typed, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            if (OLD_RULES.matcher(old).matches()) {
                assertThat(Username.forLogIn(typed)).as("U+%04X", cp).contains(new Username(old));
            }
        }
    }

    @Test
    void compatibilityForms_areRefusedAtSignup_butLogInAsTheOldNfkcName() {
        assertRejected("ﬁle", "usernames may not contain 'ﬁ' (U+FB01), a compatibility form: type 'fi' instead");
        assertRejected("Ⅻ", "usernames may not contain 'ⅻ' (U+217B), a compatibility form: type 'xii' instead");
        assertThat(Username.forLogIn("ﬁle")).contains(new Username("file"));
        assertThat(Username.forLogIn("file")).contains(new Username("file"));
        assertThat(Username.forLogIn("Ⅻ")).contains(new Username("xii"));
    }

    @Test
    void forLogIn_isEmpty_forNamesThatCanBeNoAccount() {
        assertThat(Username.forLogIn(null)).isEmpty();
        assertThat(Username.forLogIn("")).isEmpty();
        assertThat(Username.forLogIn("p\u0430ypal")).isEmpty();
        assertThat(Username.forLogIn("_users")).isEmpty();
        assertThat(Username.forLogIn("a b")).isEmpty();
    }

    @Test
    void reservedNames_areAvailableToLogIns_butRefusedForNewAccounts() {
        assertThat(Username.forLogIn("Admin")).isEqualTo(Optional.of(new Username("admin")));
        assertNotReserved("alice");
        assertNotReserved("jürgen");
        assertNotReserved("admins");
        assertNotReserved("rooted");
        assertReserved("admin", "the name admin is reserved");
        assertReserved("ADMIN", "the name admin is reserved");
        assertReserved("ａｄｍｉｎ", "the name admin is reserved");
        assertReserved("Administrator", "the name administrator is reserved");
        assertReserved("root", "the name root is reserved");
        assertReserved("adrnin", "the name adrnin is reserved (it looks like admin)");
        assertReserved("couchgate", "the name couchgate is reserved (names starting with couchgate are)");
        assertReserved("couchgate-admin-x", "the name couchgate-admin-x is reserved (names starting with couchgate "
                + "are)");
        assertReserved("couchgate-x", null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p\u0430ypal | usernames may not mix scripts (Latin and Cyrillic)",
        "\u0430dmin | usernames may not mix scripts (Cyrillic and Latin)",
        "alpha\u03b2 | usernames may not mix scripts (Latin and Greek)",
        "\u03b1\u0430\u03b2 | usernames may not mix scripts (Greek and Cyrillic)",
        "сосо | usernames may not look like a name in plain Latin letters (сосо looks like coco)",
        "ɑlice | usernames may not look like a name in plain Latin letters (ɑlice looks like alice)",
        "कख१2 | usernames may not mix digits of different number systems",
        "é\u0301lise | usernames may not repeat a combining mark on one letter"})
    void confusableNames_areRefused_sayingWhy(String typed, String rule) {
        assertRejected(typed, rule);
        assertThat(Username.forLogIn(typed)).isEmpty();
    }

    @Test
    void theScriptsThatBelongTogether_mayMix() {
        assertThat(Username.of("tokyo東京とうきょうカタカナ").value()).isEqualTo("tokyo東京とうきょうカタカナ");
        assertThat(Username.of("seoul서울").value()).isEqualTo("seoul서울");
        assertThat(Username.of("jürgen2024").value()).isEqualTo("jürgen2024");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a b | usernames may not contain a space",
        "a\u00a0bc | usernames may not contain a space",
        "a\u3000bc | usernames may not contain a space",
        "a\tbc | usernames may not contain a space",
        "alice@example.org | usernames may not contain the symbol '@'; usernames may contain only letters, digits, "
            + "'.', '_' and '-'",
        "a:bc | usernames may not contain the symbol ':'; usernames may contain only letters, digits, '.', '_' and '-'",
        "a/bc | usernames may not contain the symbol '/'; usernames may contain only letters, digits, '.', '_' and '-'",
        "abc😀 | usernames may not contain the symbol '😀'; usernames may contain only letters, digits, '.', '_' and "
            + "'-'",
        "ab«c | usernames may not contain the symbol '«'; usernames may contain only letters, digits, '.', '_' and '-'",
        "a\u200dbc | usernames may not contain invisible or control characters (U+200D)",
        "a\u0007bc | usernames may not contain invisible or control characters (U+0007)",
        "ab\ue000c | usernames may not contain unassigned or private-use code points (U+E000)",
        "_users | names starting with _ belong to CouchDB (such as _users)",
        "_replicator | names starting with _ belong to CouchDB (such as _users)",
        "_global_changes | names starting with _ belong to CouchDB (such as _users)",
        "_xy | names starting with _ belong to CouchDB (such as _users)",
        ".abc | usernames start with a letter or digit",
        "-abc | usernames start with a letter or digit",
        "\u0301abc | usernames start with a letter or digit",
        "١٢a | usernames with right-to-left letters must follow the bidi rule of RFC 5893: start with a letter, "
            + "and do not mix left-to-right letters in"})
    void namesWithRefusedCharacters_areRefused_sayingWhich(String typed, String rule) {
        assertRejected(typed, rule);
    }

    @Test
    void rightToLeftNames_followingTheBidiRule_areAccepted() {
        assertThat(Username.of("שלום").value()).isEqualTo("שלום");
        assertThat(Username.of("مرحبا").value()).isEqualTo("مرحبا");
    }

    @Test
    void emptyOrNull_isRequired() {
        assertRejected("", "username is required");
        assertRejected(null, "username is required");
        assertThatThrownBy(() -> new Username(null)).hasMessage("username is required");
    }

    @Test
    void constructor_takesOnlyCanonicalNames() {
        assertThatThrownBy(() -> new Username("Alice")).isInstanceOf(InvalidUsernameException.class)
                .hasMessage("username must be normalised (RFC 8265 UsernameCaseMapped)");
        assertThatThrownBy(() -> new Username("e\u0301lise"))
                .hasMessage("username must be normalised (RFC 8265 UsernameCaseMapped)");
        assertThatThrownBy(() -> new Username("a:b")).isInstanceOf(InvalidUsernameException.class);
        assertThat(new Username("jürgen").value()).isEqualTo("jürgen");
    }

    @Test
    void privateUseOrUnassignedCodePoints_areRefused_namingThemAsSuch() {
        assertRejected("ab\uE000", "usernames may not contain unassigned or private-use code points (U+E000)");
        assertRejected("ab\u0378", "usernames may not contain unassigned or private-use code points (U+0378)");
    }

    @Test
    void aLoneSurrogate_isRefused_asNotValidUnicode() {
        String invalid = "usernames must be valid Unicode: a lone surrogate (half of a UTF-16 pair) is no character";
        assertRejected("ab\ud800", invalid + " (U+D800)");
        assertRejected("ab\udfffc", invalid + " (U+DFFF)");
        assertRejected("\ud800abc", invalid + " (U+D800)");
    }

    @Test
    void aLetterThePrecisProfileDisallows_isRefused_namingIt() {
        // An old Hangul jamo (RFC 8264 section 9.9, OldHangulJamo: disallowed), in no other refused category.
        assertRejected("ab\u1100", "usernames may not contain '\u1100' (U+1100)");
    }

    @Test
    void toString_isTheCanonicalName() {
        assertThat(Username.of("BOB")).hasToString("bob");
        assertThat(Username.of("JÜRGEN")).hasToString("jürgen");
    }

    private static void assertNotReserved(String typed) {
        assertThatCode(() -> Username.of(typed).requireNotReserved()).doesNotThrowAnyException();
    }

    private static void assertReserved(String typed, String rule) {
        Username name = Username.of(typed);
        if (rule == null) {
            assertThatThrownBy(name::requireNotReserved).isInstanceOf(InvalidUsernameException.class)
                    .hasMessageStartingWith("the name " + name + " is reserved");
        } else {
            assertThatThrownBy(name::requireNotReserved).isInstanceOf(InvalidUsernameException.class)
                    .hasMessage(rule);
        }
    }

    private static void assertRejected(String raw, String rule) {
        assertThatThrownBy(() -> Username.of(raw))
                .isInstanceOf(InvalidUsernameException.class)
                .hasMessage(rule);
    }
}
