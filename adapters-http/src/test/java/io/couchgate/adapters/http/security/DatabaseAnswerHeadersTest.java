package io.couchgate.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security headers of a {@code /database} answer written by the relay: {@code nosniff} always, and a JSON
 * answer alone goes without the frame and sandbox rules (an attachment's type is its uploader's choice).
 */
class DatabaseAnswerHeadersTest {

    private static Map<String, String> apply(List<String> contentTypes) {
        Map<String, String> set = new LinkedHashMap<>();
        DatabaseAnswerHeaders.apply(contentTypes, (name, value) -> {
            assertThat(set.put(name, value)).as("set once: " + name).isNull();
        });
        return set;
    }

    @Test
    void exactlyOneJsonType_getsNosniffAlone() {
        for (String json : List.of("application/json", "Application/JSON; charset=utf-8", " application/json ")) {
            assertThat(apply(List.of(json))).as(json).containsExactly(Map.entry("X-Content-Type-Options", "nosniff"));
        }
    }

    @Test
    void anythingElse_getsNosniff_frameDenial_andTheSandbox() {
        for (List<String> other : List.of(List.<String>of(), List.of("text/html"), List.of("application/jsonp"),
                List.of("application/json, text/html"), List.of("application/json", "application/json"),
                List.of("image/svg+xml"))) {
            assertThat(apply(other)).as(other.toString()).containsExactly(
                    Map.entry("X-Content-Type-Options", "nosniff"), Map.entry("X-Frame-Options", "DENY"),
                    Map.entry("Content-Security-Policy", "sandbox; default-src 'none'"));
        }
    }
}
