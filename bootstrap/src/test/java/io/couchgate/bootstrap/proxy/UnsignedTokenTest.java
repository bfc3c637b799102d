package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With the production configuration, an unsigned ({@code alg: none}) token claiming an admin is refused everywhere
 * with the same answer as no token at all (security review, item 2): 401, or 404 for a path that exists nowhere;
 * micronaut-security's token authentication is off, and couchgate's own check refuses it. The relay shows that CouchDB
 * is never contacted.
 */
class UnsignedTokenTest extends StackWithAlice {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String UNSIGNED_ADMIN = encode("{\"alg\":\"none\"}") + "."
            + encode("{\"sub\":\"admin\",\"roles\":[\"ADMIN\"],\"iss\":\"couchgate\"}") + ".";

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/nonexistent, 404", "/api/sessions/current, 401", "/database/posts, 401",
        "/database/posts/_all_docs, 401"})
    void unsignedAdminToken_getsTheAnswerOfNoTokenAtAll(String target, int status) {
        int before = stack.relay().requestCount();

        RawResponse forged = stack.through("GET", target, UNSIGNED_ADMIN, json(), null);
        RawResponse anonymous = stack.through("GET", target, null, json(), null);

        assertThat(forged.status()).as(target).isEqualTo(status);
        assertThat(anonymous.status()).as(target).isEqualTo(status);
        assertThat(stack.relay().requestCount()).as("requests that reached CouchDB").isEqualTo(before);
    }
}
