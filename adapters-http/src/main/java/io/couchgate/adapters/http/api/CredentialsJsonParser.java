package io.couchgate.adapters.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Parses {@code {"username": "...", "password": "..."}} with an optional {@code "invitation"} (other members are
 * ignored; a member named twice is refused, naming it). An invitation that is not a string is noted, not refused:
 * only signup in invite mode refuses it ({@link UserController}).
 *
 * <p>Uses Jackson's streaming parser (jackson-core, the engine of micronaut-serde-jackson) so that the password goes
 * from the parser's buffer straight into a {@code char[]} and never becomes a {@code String}.
 */
final class CredentialsJsonParser {

    private CredentialsJsonParser() {
    }

    /**
     * @param body the UTF-8 JSON body
     * @return the credentials; the caller wipes the password
     * @throws ApiException {@code malformed-request} for invalid JSON, a non-object, a member named twice, or a
     *     missing or non-string {@code username} or {@code password}
     */
    static CredentialsRequest parse(byte[] body) {
        try (JsonParser parser = CredentialsBodyReader.JSON.createParser(body)) {
            CredentialsRequest credentials = readObject(parser);
            if (parser.nextToken() != null) {
                credentials.wipe();
                throw CredentialsBodyReader.malformed("the body must be one JSON object");
            }
            return credentials;
        } catch (IOException e) {
            throw CredentialsBodyReader.malformed("the body is not valid JSON");
        }
    }

    private static CredentialsRequest readObject(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw CredentialsBodyReader.malformed("the body must be a JSON object with \"username\" and \"password\"");
        }
        String username = null;
        char[] password = null;
        String invitation = null;
        boolean invitationNotString = false;
        Set<String> seen = new HashSet<>();
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                CredentialsBodyReader.requireFirst(seen, name);
                JsonToken value = parser.nextToken();
                if (name.equals("username")) {
                    username = requireString(parser, value, name).getText();
                } else if (name.equals("password")) {
                    wipe(password);
                    password = characters(requireString(parser, value, name));
                } else if (name.equals("invitation") && value == JsonToken.VALUE_STRING) {
                    invitation = parser.getText();
                } else {
                    invitationNotString |= name.equals("invitation");
                    parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            wipe(password);
            throw e;
        }
        if (username == null || password == null) {
            wipe(password);
            throw CredentialsBodyReader.malformed("\"username\" and \"password\" are required strings");
        }
        return new CredentialsRequest(username, password, invitation, invitationNotString);
    }

    private static JsonParser requireString(JsonParser parser, JsonToken value, String name) {
        if (value != JsonToken.VALUE_STRING) {
            throw CredentialsBodyReader.malformed("\"" + name + "\" must be a string");
        }
        return parser;
    }

    private static char[] characters(JsonParser parser) throws IOException {
        int offset = parser.getTextOffset();
        return Arrays.copyOfRange(parser.getTextCharacters(), offset, offset + parser.getTextLength());
    }

    private static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
