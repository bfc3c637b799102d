package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The username rules (RFC 8265 UsernameCaseMapped, confusables, reserved names) as {@code /api} answers them. */
@MicronautTest(rebuildContext = true)
class UsernameRulesApiTest extends ApiTestSupport {

    @ParameterizedTest
    @CsvSource({"Jürgen, jürgen", "Élise, élise", "李雷, 李雷", "ＡＬＩＣＥ, alice"})
    void signUpWithAUnicodeName_returns201_withTheMappedName(String typed, String canonical) {
        ApiClient.Response response = api.putJson("/api/users", credentials(typed, PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(Map.of("username", canonical));
        assertThat(users.findByUsername(new Username(canonical))).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p\\u0430ypal | usernames may not mix scripts (Latin and Cyrillic)",
        "admin | the name admin is reserved",
        "Administrator | the name administrator is reserved",
        "root | the name root is reserved",
        "couchgate-admin-x | the name couchgate-admin-x is reserved (names starting with couchgate are)",
        "_users | names starting with _ belong to CouchDB (such as _users)",
        "_replicator | names starting with _ belong to CouchDB (such as _users)",
        "al | usernames are 3 to 64 characters (a Chinese, Japanese or Korean character counts as two towards the 3)",
        "a b | usernames may not contain a space",
        "a:b | usernames may not contain the symbol ':'; usernames may contain only letters, digits, '.', '_' and '-'",
        "ab\\ud800c | usernames must be valid Unicode: a lone surrogate (half of a UTF-16 pair) is no character "
            + "(U+D800)",
        "\\ufb01le | usernames may not contain 'ﬁ' (U+FB01), a compatibility form: type 'fi' instead",
        "\\u0441\\u043e\\u0441\\u043e | usernames may not look like a name in plain Latin letters (сосо looks like coco)"})
    void signUpWithABrokenRule_returns400_invalidUsername_namingTheRule(String typed, String rule) {
        Map<String, Object> body = assertProblem(api.putJson("/api/users", credentials(typed, PASSWORD)), 400,
                "invalid-username");

        assertThat(body).containsEntry("title", "Invalid username").containsEntry("detail", rule);
    }

    @Test
    void unicodeAccount_logsIn_underEverySpellingThatMapsAlike() {
        signUp("Jürgen");

        for (String typed : new String[] {"jürgen", "JÜRGEN", "Ju\\u0308rgen"}) {
            ApiClient.Response response = api.putJson("/api/sessions", credentials(typed, PASSWORD));
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body()).containsEntry("username", "jürgen");
        }
    }

    @Test
    void accountOfTheOldRules_logsInAsBefore_evenUnderANameThatCannotSignUpAnymore() {
        signUp("file");

        assertThat(api.putJson("/api/sessions", credentials("file", PASSWORD)).body())
                .containsEntry("username", "file");
        assertThat(api.putJson("/api/sessions", credentials("\\ufb01le", PASSWORD)).body())
                .containsEntry("username", "file");
    }

    @Test
    void existingAccountWithAReservedName_logsIn() {
        signUp("alice");
        AppUser alice = users.findByUsername(new Username("alice")).orElseThrow();
        users.create(new AppUser(new Username("admin"), alice.passwordHash(), alice.createdAt()));

        ApiClient.Response response = api.putJson("/api/sessions", credentials("Admin", PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsEntry("username", "admin");
    }

    @Test
    void confusableName_atLogin_isTheSame401AsAnUnknownUser() {
        signUp("paypal");

        ApiClient.Response confusable = api.putJson("/api/sessions", credentials("p\\u0430ypal", PASSWORD));
        ApiClient.Response unknown = api.putJson("/api/sessions", credentials("nobody", PASSWORD));

        assertProblem(confusable, 401, "invalid-credentials");
        assertThat(confusable.bytes()).isEqualTo(unknown.bytes());
    }
}
