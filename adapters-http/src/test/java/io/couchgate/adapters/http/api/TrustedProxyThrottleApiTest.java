package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * couchgate behind a trusted reverse proxy: the test client, on loopback, plays the proxy. The signup throttle (10
 * per address per hour) counts the address the proxy appended to {@code X-Forwarded-For}, not the proxy's own; the
 * addresses a client put in front of it are not believed. {@link SignupThrottleApiTest#xForwardedFor_isIgnored}
 * is the untrusted case.
 */
@MicronautTest(rebuildContext = true)
@Property(name = TrustedProxiesTestBeans.PROXIES, value = "127.0.0.0/8,::1")
class TrustedProxyThrottleApiTest extends ApiTestSupport {

    private ApiClient.Response signUpVia(String forwardedFor, String username) {
        return api.send(api.request("/api/users").header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .PUT(HttpRequest.BodyPublishers.ofString(credentials(username, PASSWORD))));
    }

    @Test
    void throughATrustedProxy_eachClientAddressHasItsOwnSignupLimit() {
        for (int i = 0; i < 10; i++) {
            assertThat(signUpVia("198.51.100.7", "user" + i).status()).isEqualTo(201);
        }

        assertProblem(signUpVia("198.51.100.7", "user10"), 429, "too-many-requests");
        assertThat(signUpVia("203.0.113.9", "user10").status()).isEqualTo(201);
        assertThat(api.putJson("/api/users", credentials("user11", PASSWORD)).status())
                .as("the proxy's own requests (no header) count as its own address").isEqualTo(201);
    }

    @Test
    void spoofedAddressInFrontOfTheOneTheProxyAppended_isNotBelieved() {
        for (int i = 0; i < 10; i++) {
            assertThat(signUpVia("198.51.100.7", "user" + i).status()).isEqualTo(201);
        }

        for (String spoofed : new String[] {"203.0.113.9, 198.51.100.7", "unknown, 198.51.100.7",
            "10.1.2.3,198.51.100.7"}) {
            assertProblem(signUpVia(spoofed, "user10"), 429, "too-many-requests");
        }
    }

    @Test
    void proxiesOfItsOwnChain_areSkipped_theRightmostUntrustedAddressCounts() {
        for (int i = 0; i < 10; i++) {
            assertThat(signUpVia("198.51.100.7, 127.0.0.9", "user" + i).status()).isEqualTo(201);
        }

        assertProblem(signUpVia("198.51.100.7", "user10"), 429, "too-many-requests");
    }
}
