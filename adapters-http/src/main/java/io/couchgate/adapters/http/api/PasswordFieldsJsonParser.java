package io.couchgate.adapters.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses a JSON object whose named members are password strings, e.g. {@code {"currentPassword": "...",
 * "newPassword": "..."}} (other members are ignored; a member named twice is refused, naming it). Like {@link CredentialsJsonParser},
 * it uses Jackson's streaming parser so that no password ever becomes a {@code String}.
 */
final class PasswordFieldsJsonParser {

    private PasswordFieldsJsonParser() {
    }

    /**
     * @param body the UTF-8 JSON body
     * @param names the members to read, each required to be a string
     * @return the members' characters; the caller wipes them
     * @throws ApiException {@code malformed-request} for invalid JSON, a non-object, a member named twice, or a
     *     missing or non-string member
     */
    static PasswordFields parse(byte[] body, List<String> names) {
        Map<String, char[]> values = new LinkedHashMap<>();
        try (JsonParser parser = CredentialsBodyReader.JSON.createParser(body)) {
            readObject(parser, names, values);
            if (parser.nextToken() != null) {
                throw CredentialsBodyReader.malformed("the body must be one JSON object");
            }
            if (!values.keySet().containsAll(names)) {
                throw CredentialsBodyReader.malformed(quoted(names) + (names.size() == 1 ? " is a required string"
                        : " are required strings"));
            }
            return new PasswordFields(values);
        } catch (IOException e) {
            wipe(values);
            throw CredentialsBodyReader.malformed("the body is not valid JSON");
        } catch (RuntimeException e) {
            wipe(values);
            throw e;
        }
    }

    private static void readObject(JsonParser parser, List<String> names, Map<String, char[]> values)
            throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw CredentialsBodyReader.malformed("the body must be a JSON object with " + quoted(names));
        }
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            CredentialsBodyReader.requireFirst(seen, name);
            JsonToken value = parser.nextToken();
            if (!names.contains(name)) {
                parser.skipChildren();
            } else if (value != JsonToken.VALUE_STRING) {
                throw CredentialsBodyReader.malformed("\"" + name + "\" must be a string");
            } else {
                int offset = parser.getTextOffset();
                values.put(name, Arrays.copyOfRange(parser.getTextCharacters(), offset,
                        offset + parser.getTextLength()));
            }
        }
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(" and "));
    }

    private static void wipe(Map<String, char[]> values) {
        values.values().forEach(value -> Arrays.fill(value, '\0'));
    }
}
