package io.couchgate.adapters.http.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A response as read from the socket: status code, every header value (names in lower case), the de-chunked body. */
record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

    List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
