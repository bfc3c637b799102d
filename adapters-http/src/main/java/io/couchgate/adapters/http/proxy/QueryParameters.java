package io.couchgate.adapters.http.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads parameters out of a raw query string the way the strictest of CouchDB's and PouchDB Server's parsers would. */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * Splits on {@code &} and on {@code ;} (mochiweb, CouchDB's HTTP server, takes both as separators), turns
     * {@code +} into a space and percent-decodes names and values (RFC 3986 section 2.1; HTML form encoding).
     *
     * @param rawQuery the raw query string without {@code ?}, or {@code null} for none
     * @param name the decoded parameter name, e.g. {@code filter}
     * @return every decoded value of that parameter in order (empty list when absent; {@code ""} for a bare name),
     *     or empty when any name or value in the query cannot be decoded
     */
    static Optional<List<String>> values(String rawQuery, String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.of(values);
        }
        for (String pair : rawQuery.split("[&;]", -1)) {
            int equals = pair.indexOf('=');
            Optional<String> key = decode(equals < 0 ? pair : pair.substring(0, equals));
            Optional<String> value = decode(equals < 0 ? "" : pair.substring(equals + 1));
            if (key.isEmpty() || value.isEmpty()) {
                return Optional.empty();
            }
            if (key.get().equals(name)) {
                values.add(value.get());
            }
        }
        return Optional.of(values);
    }

    private static Optional<String> decode(String raw) {
        return PercentDecoding.decode(raw.replace('+', ' '));
    }
}
