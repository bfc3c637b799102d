package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Known answers for the PBKDF2 forms CouchDB verifies. */
class PasswordSchemeTest {

    @Test
    void sha1_matchesTheUserDocumentOfTheCouchDbDocs() {
        // intro/security.html, "Changing passwords": user jan, password "apple", salt used as its hex text.
        assertThat(PasswordScheme.SHA1.derivedKey("apple", "1112283cf988a34f124200a050d308a1", 10))
                .isEqualTo("e579375db0e0c6a6fc79cd9e36a36859f71575c3");
    }

    @Test
    void sha1_matchesCouchPasswordsEunitVectors() {
        // src/couch/test/eunit/couch_passwords_tests.erl (RFC 6070 vectors, 20-byte keys)
        assertThat(PasswordScheme.SHA1.derivedKey("password", "salt", 1))
                .isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
        assertThat(PasswordScheme.SHA1.derivedKey("password", "salt", 4096))
                .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
    }

    @Test
    void sha256_matchesRfc7914Vector_truncatedToTheDigestLength() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", 1); couch_passwords:pbkdf2/4 uses 32 bytes.
        assertThat(PasswordScheme.SHA256.derivedKey("passwd", "salt", 1))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }

    @Test
    void prfField_isSha256_orLeftOutForSha1() {
        assertThat(PasswordScheme.SHA256.prf()).isEqualTo("sha256");
        assertThat(PasswordScheme.SHA1.prf()).isNull();
    }
}
