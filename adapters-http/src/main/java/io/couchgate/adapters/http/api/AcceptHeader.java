package io.couchgate.adapters.http.api;

import java.util.List;
import java.util.Locale;

/**
 * Whether an {@code Accept} header admits a media type, per RFC 9110, section 12.5.1: the most specific media range
 * that matches the type ({@code type/subtype}, then {@code type/*}, then {@code *}{@code /*}) gives its quality, and
 * quality 0 means "not acceptable". Micronaut's router matches ranges without their {@code q}, so
 * {@code application/yaml;q=0, *}{@code /*} would still pick YAML; this reads the weights.
 */
final class AcceptHeader {

    private static final int NO_MATCH = -1;

    private AcceptHeader() {
    }

    /**
     * @param values the request's {@code Accept} header values (each a comma-separated list of media ranges); none
     *     when the header is absent, which admits every type
     * @param mediaType the type offered, e.g. {@code application/yaml} (no parameters)
     * @return false when no range matches the type, or the most specific one that does has {@code q=0}
     */
    static boolean admits(List<String> values, String mediaType) {
        int bestSpecificity = NO_MATCH;
        boolean admitted = false;
        boolean anyRange = false;
        for (String value : values) {
            for (String element : value.split(",")) {
                String[] parts = element.split(";");
                String range = parts[0].trim().toLowerCase(Locale.ROOT);
                if (range.isEmpty()) {
                    continue;
                }
                anyRange = true;
                int specificity = specificity(range, mediaType.toLowerCase(Locale.ROOT));
                if (specificity > bestSpecificity) {
                    bestSpecificity = specificity;
                    admitted = quality(parts) > 0;
                }
            }
        }
        return !anyRange || admitted;
    }

    /** @return 2 for the type itself, 1 for its {@code type/*}, 0 for {@code *}{@code /*}, else {@link #NO_MATCH} */
    private static int specificity(String range, String mediaType) {
        if (range.equals(mediaType)) {
            return 2;
        }
        if (range.equals("*/*") || range.equals("*")) {
            return 0;
        }
        String type = mediaType.substring(0, mediaType.indexOf('/') + 1);
        return range.equals(type + "*") ? 1 : NO_MATCH;
    }

    /** @return the range's {@code q} weight; 1 when absent or unreadable (RFC 9110, section 12.4.2) */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(parameter.substring(equals + 1).trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
