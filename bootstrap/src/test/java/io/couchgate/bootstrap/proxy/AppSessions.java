package io.couchgate.bootstrap.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signup and login through couchgate's {@code /api}, as a browser app does. */
final class AppSessions {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json",
            "Accept", "application/json");

    private AppSessions() {
    }

    /**
     * @param couchgatePort couchgate's loopback port
     * @param username a new app username
     * @return the Bearer token of a fresh session of that new user
     */
    static String signUpAndLogIn(int couchgatePort, String username) {
        RawResponse signup = RawHttp.send(couchgatePort, "PUT", "/api/users", JSON, credentials(username));
        assertThat(signup.status()).as(signup.bodyText()).isEqualTo(201);
        return logIn(couchgatePort, username);
    }

    /**
     * @param couchgatePort couchgate's loopback port
     * @param username an app user signed up by {@link #signUpAndLogIn}
     * @return the Bearer token of another fresh session of that user
     */
    static String logIn(int couchgatePort, String username) {
        byte[] credentials = credentials(username);
        RawResponse login = RawHttp.send(couchgatePort, "PUT", "/api/sessions", JSON, credentials);
        assertThat(login.status()).as(login.bodyText()).isEqualTo(201);
        Matcher token = TOKEN.matcher(login.bodyText());
        assertThat(token.find()).as(login.bodyText()).isTrue();
        return token.group(1);
    }

    private static byte[] credentials(String username) {
        return ("{\"username\":\"" + username + "\",\"password\":\"vivid-otter-gains-42-lamps\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
