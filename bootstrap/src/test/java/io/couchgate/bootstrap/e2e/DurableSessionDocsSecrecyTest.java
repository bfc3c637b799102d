package io.couchgate.bootstrap.e2e;

import static io.couchgate.bootstrap.e2e.SessionTokens.claims;
import static io.couchgate.bootstrap.e2e.SessionTokens.digest;
import static io.couchgate.bootstrap.e2e.SessionTokens.logIn;
import static io.couchgate.bootstrap.e2e.SessionTokens.sessionUserName;
import static io.couchgate.bootstrap.e2e.SessionTokens.sid;
import static io.couchgate.bootstrap.e2e.SessionTokens.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an admin reading {@code couchgate_sessions} (or a copy of it, a backup) learns in the durable session mode:
 * neither a session id (the token's {@code sid}, which a token forger or a session thief would need) nor a session
 * user's CouchDB password. The test cannot know those passwords (couchgate never shows them, and {@code _users}
 * keeps only a derived key), so it checks what it can: the stored {@code password} is AES-GCM-shaped ciphertext
 * that does not hold the 43-character password text, and CouchDB refuses it, raw or decoded, as the session user's
 * password; every other field is short or fully known.
 */
class DurableSessionDocsSecrecyTest {

    /** AES-GCM: a 12-byte nonce, then the ciphertext (at least the 32 random bytes), then a 16-byte tag. */
    private static final int MIN_PASSWORD_CIPHERTEXT = 12 + 32 + 16;
    /** The same for the session id (16 random bytes). */
    private static final int MIN_SID_CIPHERTEXT = 12 + 16 + 16;
    /** What JavaScript's {@code .} does not match: line feed, carriage return, line and paragraph separator. */
    private static final Pattern JS_LINE_TERMINATOR = Pattern.compile("[\\n\\r\\u2028\\u2029]");
    private static CouchDbServer couch;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCouchDb() {
        couch = CouchDbExtension.freshServer();
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void sessionDocs_holdNoSessionIdInAnyEncoding_andOnlyCiphertextPasswordsThatCouchDbRefuses() throws Exception {
        Path dataA = tmp.resolve("a-data");
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            signUp(a, "heidi");
            signUp(a, "ivan");
            List<String> tokens = List.of(logIn(a, "heidi"), logIn(a, "heidi"), logIn(a, "ivan"));
            CouchAdmin admin = new CouchAdmin(couch.url(), dataA);

            String raw = admin.sessionDocsRaw();
            for (String token : tokens) {
                for (String encoding : encodings(sid(token))) {
                    assertThat(raw).as("the raw session docs").doesNotContain(encoding);
                }
            }
            Map<Object, Map<String, Object>> byId = new java.util.HashMap<>();
            admin.sessionDocs().forEach(doc -> byId.put(doc.get("_id"), doc));
            assertThat(byId).hasSize(tokens.size());
            for (String token : tokens) {
                Map<String, Object> doc = byId.get(digest(sid(token)));
                assertThat(doc).as("the session doc of a token").isNotNull();
                assertShape(doc, token);
                assertCouchDbRefusesTheStoredPassword(doc);
            }
            // The refusals above were about the password: the session users exist and their sessions still work.
            assertThat(CouchAdmin.session(couch.url(), admin.authorization()).status()).isEqualTo(200);
            for (String token : tokens) {
                assertThat(a.send("GET", "/database/posts/_all_docs", null, token).statusCode()).isEqualTo(200);
            }
        }
    }

    /** Every field is either known (type, names, times), short, or ciphertext of the expected size. */
    private static void assertShape(Map<String, Object> doc, String token) {
        assertThat(doc).containsEntry("type", "session").containsEntry("username", claims(token).get("sub"))
                .containsEntry("user", sessionUserName(token)) // longer than 100 characters, but fully known
                .containsKeys("v", "instance", "issued_at", "expires_at", "sid", "password");
        doc.forEach((field, value) -> {
            if (!List.of("sid", "password", "user").contains(field)) {
                assertThat(String.valueOf(value)).as(field).hasSizeLessThanOrEqualTo(100);
            }
        });
        byte[] password = Base64.getUrlDecoder().decode((String) doc.get("password"));
        assertThat(password.length).as("password ciphertext bytes").isGreaterThanOrEqualTo(MIN_PASSWORD_CIPHERTEXT);
        assertHoldsNoBase64UrlRun(password, 43, "password");
        byte[] sid = Base64.getUrlDecoder().decode((String) doc.get("sid"));
        assertThat(sid.length).as("sid ciphertext bytes").isGreaterThanOrEqualTo(MIN_SID_CIPHERTEXT);
        assertHoldsNoBase64UrlRun(sid, 22, "sid");
    }

    /**
     * The password text (43 base64url characters) would show up in the decoded bytes as a run of that many base64url
     * characters if it were stored in clear, alone or framed by other bytes; in random ciphertext such a run has a
     * chance of (64/256)^43. Also refuses bytes that are valid UTF-8 text of such a run as a whole.
     */
    private static void assertHoldsNoBase64UrlRun(byte[] bytes, int length, String field) {
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(Pattern.compile("[A-Za-z0-9_-]{" + length + "}").matcher(latin1).find())
                .as(field + " decoded holds a " + length + "-character base64url run").isFalse();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            assertThat(text).as(field + " decoded as text").doesNotMatch("[A-Za-z0-9_-]{" + length + "}");
        } catch (CharacterCodingException notText) {
            // ciphertext, as expected
        }
    }

    /**
     * Were the stored field the session user's password (as stored, or base64url-decoded to text), CouchDB would let
     * that user in: as stored it must get 401; decoded (ciphertext bytes read as UTF-8) it must not authenticate that
     * user (401 on CouchDB; the dev server treats a Basic header whose text holds a line terminator as no credentials
     * at all and answers an anonymous 200, else 401). Two attempts per user stay under CouchDB 3's lockout (5 failures per user
     * and address).
     */
    private static void assertCouchDbRefusesTheStoredPassword(Map<String, Object> doc) throws Exception {
        String user = (String) doc.get("user");
        String stored = (String) doc.get("password");
        String decoded = new String(Base64.getUrlDecoder().decode(stored), StandardCharsets.UTF_8);
        assertThat(CouchAdmin.session(couch.url(), CouchAdmin.basic(user, stored)))
                .isEqualTo(new CouchAdmin.SessionAnswer(401, null));
        CouchAdmin.SessionAnswer decodedAnswer = CouchAdmin.session(couch.url(), CouchAdmin.basic(user, decoded));
        // The dev server (basic-auth 2.0.1, /^([^:]*):(.*)$/) finds no credentials where JavaScript's '.' stops
        // at a line terminator in the password, and answers such a request as anonymous.
        boolean devServerSeesNoCredentials = !couch.isCouchDb() && JS_LINE_TERMINATOR.matcher(decoded).find();
        assertThat(decodedAnswer).isEqualTo(devServerSeesNoCredentials
                ? new CouchAdmin.SessionAnswer(200, null) : new CouchAdmin.SessionAnswer(401, null));
    }

    /** @return a session id as text, base64 and hex, and its 16 bytes as base64 (padded or not) and hex */
    private static List<String> encodings(String sid) {
        byte[] text = sid.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Base64.getUrlDecoder().decode(sid);
        return List.of(sid, sid + "==",
                Base64.getEncoder().encodeToString(bytes), Base64.getEncoder().withoutPadding().encodeToString(bytes),
                HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes),
                Base64.getEncoder().encodeToString(text), Base64.getUrlEncoder().withoutPadding().encodeToString(text),
                HexFormat.of().formatHex(text), HexFormat.of().withUpperCase().formatHex(text));
    }
}
