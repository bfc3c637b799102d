package io.couchgate.adapters.http.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request as the upstream stub received it: the request line's raw target, every header value, the body. */
record RecordedRequest(String method, String rawTarget, Map<String, List<String>> headers, byte[] body) {

    List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
