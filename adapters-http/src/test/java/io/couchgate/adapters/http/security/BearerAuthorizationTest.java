package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for {@code Authorization}: RFC 6750 section 2.1 with a JWS compact token (RFC 7515 section 7.1). */
class BearerAuthorizationTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl-_";

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "bEaReR "})
    void oneHeader_schemeInAnyCase_oneSpace_threeSegments_isTheToken(String scheme) {
        BearerAuthorization parsed = BearerAuthorization.of(List.of(scheme + TOKEN));

        assertThat(parsed.token()).contains(TOKEN);
        assertThat(parsed.missing()).isFalse();
        assertThat(parsed.malformed()).isFalse();
    }

    @Test
    void noHeader_isMissing_notMalformed() {
        BearerAuthorization parsed = BearerAuthorization.of(List.of());

        assertThat(parsed.token()).isEmpty();
        assertThat(parsed.missing()).isTrue();
        assertThat(parsed.malformed()).isFalse();
    }

    @Test
    void twoHeaders_evenTheSameTokenTwice_areMalformed() {
        BearerAuthorization parsed = BearerAuthorization.of(List.of("Bearer " + TOKEN, "Bearer " + TOKEN));

        assertThat(parsed.token()).isEmpty();
        assertThat(parsed.malformed()).isTrue();
    }

    @Test
    void everyBase64UrlCharacter_isATokenCharacter() {
        String token = "ABCDEFGHIJKLMNOPQRSTUVWXYZ.abcdefghijklmnopqrstuvwxyz.0123456789-_";

        assertThat(BearerAuthorization.of(List.of("Bearer " + token)).token()).contains(token);
    }

    /** The neighbours of each base64url range in ASCII, and the base64 characters that base64url replaces. */
    @ParameterizedTest
    @ValueSource(strings = {"@", "[", "`", "{", "/", ":", "+", "=", ",", "~", "\u007f", "\u0000"})
    void aCharacterNextToTheBase64UrlRanges_isMalformed(String c) {
        for (String value : List.of("Bearer " + c + TOKEN, "Bearer " + TOKEN + c, "Bearer a" + c + "b.c.d")) {
            BearerAuthorization parsed = BearerAuthorization.of(List.of(value));

            assertThat(parsed.token()).as(value).isEmpty();
            assertThat(parsed.malformed()).as(value).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer  {t}", "Bearer\t{t}", "Bearer{t}", " Bearer {t}",
        "Bearer {t} ", "Bearer {t}=", "Bearer {t}.", "Bearer .{t}", "Bearer a.b", "Bearer a.b.c.d", "Bearer a..c",
        "Bearer a.b.", "Bearer {t}é", "Bearer {t}%41", "Basic YWxpY2U6cGFzc3dvcmQ=", "Token {t}", "{t}"})
    void anythingElse_isMalformed(String value) {
        BearerAuthorization parsed = BearerAuthorization.of(List.of(value.replace("{t}", TOKEN)));

        assertThat(parsed.token()).isEmpty();
        assertThat(parsed.malformed()).isTrue();
        assertThat(parsed.missing()).isFalse();
    }
}
