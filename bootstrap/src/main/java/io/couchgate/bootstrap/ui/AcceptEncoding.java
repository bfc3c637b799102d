package io.couchgate.bootstrap.ui;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's {@code Accept-Encoding} (RFC 9110, section 12.5.3) allows a gzip body: {@code gzip} (or its
 * alias {@code x-gzip}) with a q-value above 0, or else {@code *} with a q-value above 0. An absent header allows only
 * the identity encoding here: a client that says nothing gets the file as it is.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /**
     * @param headerValues every {@code Accept-Encoding} field value of the request (none when absent)
     * @return true when a gzip-encoded body is acceptable
     */
    static boolean allowsGzip(List<String> headerValues) {
        Double gzip = null;
        Double any = null;
        for (String value : headerValues) {
            for (String element : value.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                double q = quality(parts);
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = q;
                } else if (coding.equals("*")) {
                    any = q;
                }
            }
        }
        Double chosen = gzip != null ? gzip : any;
        return chosen != null && chosen > 0;
    }

    /** @return the {@code q} parameter of one element (1 when absent, 0 when unreadable: refuse what is unclear) */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
