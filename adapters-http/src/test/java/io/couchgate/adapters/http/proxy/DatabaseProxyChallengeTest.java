package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who says 401: couchgate's own 401s carry a Bearer challenge (RFC 6750, section 3), CouchDB's pass with no
 * {@code WWW-Authenticate} at all, so a client tells "session ended" from "CouchDB refused this". Only a CouchDB 401
 * makes the proxy ask whether the session user vanished.
 */
class DatabaseProxyChallengeTest extends ProxyOverStub {

    private static final String CHALLENGE = "Bearer realm=\"couchgate\", error=\"invalid_token\"";

    @Test
    void requestWithoutToken_getsABearerChallengeWithoutErrorCode() throws Exception {
        RawResponse response = proxy.send("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).containsExactly("Bearer realm=\"couchgate\"");
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"Send a session token as "
                + "Authorization: Bearer <token>.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void unknownToken_getsInvalidTokenChallenge_withoutContactingCouchDb() throws Exception {
        RawResponse response = proxy.send("GET", "/database/posts/doc",
                List.of("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.unknown.signature"), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).containsExactly(CHALLENGE);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"The session token is "
                + "invalid, expired or revoked.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }

    @Test
    void couchDbs401_passesUnchanged_withoutItsChallenge_afterOneVanishedCheck() throws Exception {
        int before = checks();
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"couchdb\"");
            UpstreamStub.respond(exchange, 401, "{\"error\":\"unauthorized\",\"reason\":\"Not your document.\"}");
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).doesNotContainKey("www-authenticate");
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"unauthorized\",\"reason\":\"Not your document.\"}");
        assertThat(checks()).isEqualTo(before + 1);
    }

    @Test
    void couchDbsOtherAnswers_costNoVanishedCheck() throws Exception {
        int before = checks();
        couchDb.answerWith(exchange -> UpstreamStub.respond(exchange, 403,
                "{\"error\":\"forbidden\",\"reason\":\"Only owners.\"}"));

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(checks()).isEqualTo(before);
    }

    private static int checks() {
        return ((UnvanishingSessions) proxy.context().getBean(DropVanishedSessionUseCase.class)).checks();
    }
}
