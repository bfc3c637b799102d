package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** App users and their session tokens on a forked couchgate, and what a test may read from a token. */
final class SessionTokens {

    /** Every test user's password. */
    static final String PASSWORD = "tidal-quartz-hums-37-ferns";

    private SessionTokens() {
    }

    /** @return the signup/login body of {@code username} */
    static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    /** Signs {@code username} up (asserted 201). */
    static void signUp(CouchgateProcess app, String username) throws Exception {
        HttpResponse<String> signup = app.send("PUT", "/api/users", credentials(username), null);
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
    }

    /** @return the token of a new session of {@code username} (login asserted 201) */
    static String logIn(CouchgateProcess app, String username) throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(username), null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return (String) CouchAdmin.json(login.body()).get("token");
    }

    /** @return the JWT's claims, its payload decoded without any signature check */
    static Map<String, Object> claims(String token) {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return CouchAdmin.json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** @return the session id of a token (its {@code sid} claim, which equals {@code jti}) */
    static String sid(String token) {
        Map<String, Object> claims = claims(token);
        assertThat(claims.get("jti")).isEqualTo(claims.get("sid"));
        return (String) claims.get("sid");
    }

    /** @return the session's digest (SHA-256 hex of the session id's text): its session doc's {@code _id} */
    static String digest(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the CouchDB name of the token's session user: {@code users/<iid>/<sub>/<digest of sid>} */
    static String sessionUserName(String token) {
        Map<String, Object> claims = claims(token);
        return "users/" + claims.get("iid") + "/" + claims.get("sub") + "/" + digest(sid(token));
    }
}
