package io.couchgate.bootstrap.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response as read off the wire.
 *
 * @param status the status code
 * @param headers header values by lower-case name, in arrival order
 * @param body the body, de-chunked; empty for {@code HEAD}, 204 and 304
 * @param bytesAfterHead whether a {@code HEAD} answer carried bytes after its headers (it must not)
 */
record RawResponse(int status, Map<String, List<String>> headers, byte[] body, boolean bytesAfterHead) {

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    Optional<String> header(String lowerCaseName) {
        List<String> values = headers.getOrDefault(lowerCaseName, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
