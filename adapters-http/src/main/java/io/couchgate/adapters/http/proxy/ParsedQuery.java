package io.couchgate.adapters.http.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request's query string read once, the way CouchDB reads it, so that every decision the proxy takes on the query
 * (feed detection, the allowlist's rules) sees what CouchDB will see. CouchDB's HTTP server (mochiweb
 * {@code parse_qs}) splits on {@code &} and {@code ;}, turns {@code +} into a space and percent-decodes names and
 * values; {@code chttpd_db:parse_changes_query} then compares names case-insensitively ({@code string:to_lower(Key)})
 * and lets the last of repeated names win. Here names are kept in ASCII lower case, so {@code FEED}, {@code Feed}
 * and {@code feed} are one name. Immutable; the raw query itself is what goes upstream, byte for byte.
 */
final class ParsedQuery {

    /** The query of a request without one. */
    static final ParsedQuery EMPTY = new ParsedQuery(List.of());

    /**
     * Feeds that hold CouchDB's connection open for minutes (docs.couchdb.org api/database/changes.html);
     * {@code live} is CouchDB's own alias of {@code continuous}.
     */
    private static final Set<String> LONG_LIVED_FEEDS = Set.of("longpoll", "continuous", "eventsource", "live");

    private final List<Parameter> parameters;

    private ParsedQuery(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /**
     * @param rawQuery the raw query string without {@code ?}, or {@code null} for none
     * @return the parsed query, or empty when a name or value is not valid percent-encoded UTF-8
     */
    static Optional<ParsedQuery> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.of(EMPTY);
        }
        List<Parameter> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("[&;]", -1)) {
            int equals = pair.indexOf('=');
            Optional<String> name = decode(equals < 0 ? pair : pair.substring(0, equals));
            Optional<String> value = decode(equals < 0 ? "" : pair.substring(equals + 1));
            if (name.isEmpty() || value.isEmpty()) {
                return Optional.empty();
            }
            parameters.add(new Parameter(asciiLowerCase(name.get()), value.get()));
        }
        return Optional.of(new ParsedQuery(parameters));
    }

    /**
     * @param name a parameter name in lower case, e.g. {@code filter}
     * @return every decoded value of that name, whatever its case in the query, in order ({@code ""} for a bare
     *     name); empty when absent
     */
    List<String> values(String name) {
        if (parameters.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                values.add(parameter.value());
            }
        }
        return List.copyOf(values);
    }

    /**
     * @param names parameter names in lower case
     * @return the first of these names that the query holds more than once (in any spelling), if any
     */
    Optional<String> repeated(Set<String> names) {
        if (parameters.size() < 2) {
            return Optional.empty();
        }
        return names.stream().filter(name -> values(name).size() > 1).sorted().findFirst();
    }

    /**
     * @return whether the query asks {@code _changes} for a feed that stays open ({@code feed=longpoll},
     *     {@code continuous}, {@code eventsource} or {@code live}, values compared as CouchDB does: exactly)
     */
    boolean asksForLongLivedFeed() {
        return values("feed").stream().anyMatch(LONG_LIVED_FEEDS::contains);
    }

    private static Optional<String> decode(String raw) {
        return PercentDecoding.decode(raw.replace('+', ' '));
    }

    /** Only A-Z change: Java's full Unicode lower-casing would turn the Kelvin sign into {@code k}, CouchDB's not. */
    private static String asciiLowerCase(String name) {
        StringBuilder lower = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }

    /** One {@code name=value} pair, both decoded, the name in ASCII lower case. */
    private record Parameter(String name, String value) {
    }
}
