package io.couchgate.adapters.couchdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The validators of earlier couchgate versions, as they were provisioned, for upgrade tests. */
final class OldValidators {

    private OldValidators() {
    }

    /** @return the owner-write validator of version 1, which trusted {@code oldDoc} (test resource) */
    static String version1Source() {
        try (InputStream in = OldValidators.class.getResourceAsStream("couchgate-owner-write-v1.js")) {
            if (in == null) {
                throw new IllegalStateException("couchgate-owner-write-v1.js is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code _design/couchgate} as version 1 provisioning wrote it, without {@code _rev} */
    static String version1DesignDoc() {
        return OwnerWritePosts.json(Map.of("_id", Validators.DESIGN_DOC_ID, "language", "javascript",
                "validate_doc_update", version1Source(), "couchgate_version", 1));
    }
}
