package io.couchgate.adapters.http.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites the top-level ids of a {@code _local} document's JSON bodies between the client's id and the stored one
 * ({@link LocalDocument}), token by token, so everything else (numbers included) passes exactly as written; a body
 * without such an id passes unchanged, and CouchDB's trailing newline stays.
 */
final class LocalDocumentBodies {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> REQUEST_FIELDS = Set.of("_id");
    private static final Set<String> RESPONSE_FIELDS = Set.of("_id", "id");

    private LocalDocumentBodies() {
    }

    /**
     * A {@code PUT} body: a top-level {@code _id} naming the client's id becomes the stored id.
     *
     * @param body the client's body (empty: passed on as it is)
     * @param document the document the path names
     * @return the body to send to CouchDB, or empty when it is not one JSON value or its {@code _id} (any of them,
     *     if repeated) names another document
     */
    static Optional<byte[]> toStored(byte[] body, LocalDocument document) {
        if (body.length == 0) {
            return Optional.of(body);
        }
        return rewrite(body, REQUEST_FIELDS, document.clientId(), document.storedId(), true);
    }

    /**
     * CouchDB's answer: top-level {@code _id} and {@code id} naming the stored id become the client's id.
     *
     * @param body CouchDB's body
     * @param document the document the request named
     * @return the body for the client; CouchDB's unchanged when it is not JSON
     */
    static byte[] toClient(byte[] body, LocalDocument document) {
        if (body.length == 0) {
            return body;
        }
        return rewrite(body, RESPONSE_FIELDS, document.storedId(), document.clientId(), false).orElse(body);
    }

    private static Optional<byte[]> rewrite(byte[] body, Set<String> fields, String from, String to,
                                            boolean refuseOthers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 16);
        boolean changed = false;
        try (JsonParser parser = JSON.createParser(body); JsonGenerator generator = JSON.createGenerator(out)) {
            int depth = 0;
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    field = depth == 1 ? parser.currentName() : null;
                    generator.copyCurrentEvent(parser);
                    continue;
                }
                if (depth == 1 && field != null && fields.contains(field)) {
                    boolean ours = token == JsonToken.VALUE_STRING && from.equals(parser.getText());
                    if (ours) {
                        generator.writeString(to);
                        changed = true;
                        field = null;
                        continue;
                    }
                    if (refuseOthers) {
                        return Optional.empty();
                    }
                }
                field = null;
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                generator.copyCurrentEventExact(parser);
                if (depth == 0 && parser.nextToken() != null) {
                    return Optional.empty();
                }
                if (depth == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!changed) {
            return Optional.of(body);
        }
        int end = body.length;
        while (end > 0 && (body[end - 1] == '\n' || body[end - 1] == '\r' || body[end - 1] == ' ')) {
            end--;
        }
        out.write(body, end, body.length - end);
        return Optional.of(out.toByteArray());
    }
}
