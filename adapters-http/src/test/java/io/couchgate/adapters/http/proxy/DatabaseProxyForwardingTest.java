package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseProxyForwardingTest extends ProxyOverStub {

    @ParameterizedTest
    @ValueSource(strings = {"/posts/a%2Fb", "/posts/x+y", "/posts/with%20space", "/posts/%C3%A9%E2%9C%93",
            "/posts/100%25", "/posts/_design/app/_view/by-date", "/posts/",
            "/posts", "/my$db/doc", "/my%24db/doc", "/posts/_design%2Fapp", "/posts/doc/att%2Fname.png"})
    void rawPath_reachesCouchDbExactlyAsSent(String path) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database" + path, List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}\n");
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo(path);
    }

    @Test
    void localDocPath_reachesCouchDbWithTheSessionUsersPrefix_andABodyWithoutIdsPassesUnchanged() throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/_local/checkpoint-1?x=a+b", List.of(),
                null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}\n");
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo("/posts/_local/alice%3Acheckpoint-1?x=a+b");
    }

    @Test
    void rawQuery_reachesCouchDbExactlyAsSent() throws Exception {
        String query = "?startkey=%22a%2Fb%22&endkey=%22a%2Fb%EF%BF%B0%22&include_docs=true&x=a+b&y=%2520";

        proxy.sendAuthenticated("GET", "/database/posts/_all_docs" + query, List.of(), null);

        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo("/posts/_all_docs" + query);
    }

    @Test
    void serverWelcome_isForwardedToCouchDbRoot() throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/", List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo("/");
    }
}
