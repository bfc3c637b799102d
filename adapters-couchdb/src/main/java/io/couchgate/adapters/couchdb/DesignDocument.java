package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * couchgate's {@code _design/couchgate} in an app database (ddocs/ddocs.html#validate-document-update-functions).
 *
 * @param id always {@code _design/couchgate}
 * @param rev the current revision when replacing, else null
 * @param language {@code javascript}
 * @param validateDocUpdate the validator's source
 * @param couchgateVersion the validator's version; a stored lower version is replaced
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record DesignDocument(@JsonProperty("_id") String id,
                      @JsonProperty("_rev") String rev,
                      @JsonProperty("language") String language,
                      @JsonProperty("validate_doc_update") String validateDocUpdate,
                      @JsonProperty("couchgate_version") Integer couchgateVersion) {
}
