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
        byte[] credentials = ("{\"username\":\"" + username + "\",\"password\":\"vivid-otter-gains-42-lamps\"}")
                .getBytes(StandardCharsets.UTF_8);
        RawResponse signup = RawHttp.send(couchgatePort, "PUT", "/api/users", JSON, credentials);
        assertThat(signup.status()).as(signup.bodyText()).isEqualTo(201);
        RawResponse login = RawHttp.send(couchgatePort, "PUT", "/api/sessions", JSON, credentials);
        assertThat(login.status()).as(login.bodyText()).isEqualTo(201);
        Matcher token = TOKEN.matcher(login.bodyText());
        assertThat(token.find()).as(login.bodyText()).isTrue();
        return token.group(1);
    }
}
