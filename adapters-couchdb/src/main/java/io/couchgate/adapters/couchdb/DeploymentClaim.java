package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code _local/couchgate_deployment} in the sessions database: which deployment's sessions it holds, so that a
 * deployment with other secrets (whose documents it could not decrypt) is refused rather than sharing it.
 *
 * @param id the doc id
 * @param deployment the deployment id
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeploymentClaim(@JsonProperty("_id") String id, @JsonProperty("deployment") String deployment) {

    /** The claim's id; a {@code _local} doc is not replicated and not in {@code _changes} or {@code _all_docs}. */
    static final String ID = "_local/couchgate_deployment";
}
