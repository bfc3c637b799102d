package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /_membership} answer (api/server/common.html#membership).
 *
 * @param allNodes every node the cluster knows
 */
@Serdeable
record Membership(@JsonProperty("all_nodes") List<String> allNodes) {
}
