package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.InstanceLeases;
import io.couchgate.domain.port.testing.InstanceLeasesContract;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lease contract on a real server's {@code couchgate_instances}, plus the stored documents themselves. */
@ExtendWith(CouchDbExtension.class)
class CouchDbInstanceLeasesTest extends InstanceLeasesContract {

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RawCouch raw;

    CouchDbInstanceLeasesTest(CouchDbServer server) {
        couch = CouchDbConnection.open(TestCouchDbSettings.of(server.url()));
        admin = RawCouch.adminOf(server);
        raw = new RawCouch(server.url());
        new CouchDbServerProvisioner(couch).provision(admin, List.of());
    }

    @AfterEach
    void close() {
        couch.close();
    }

    @Override
    protected InstanceLeases newLeases() {
        return new CouchDbInstanceLeases(couch, admin);
    }

    @Test
    void lease_isOneDocumentPerInstance_withItsExpiryInEpochMillis_andReleaseDeletesIt() {
        InstanceId a = InstanceId.random();
        Instant expiry = Instant.ofEpochMilli(4_102_444_800_000L);
        CouchDbInstanceLeases leases = new CouchDbInstanceLeases(couch, admin);
        leases.renew(a, expiry);

        String path = "/couchgate_instances/instance:" + a;
        JsonNode doc = raw.send("GET", path, null, admin).json();
        assertThat(doc.get("_id").asText()).isEqualTo("instance:" + a);
        assertThat(doc.get("expires_at").asLong()).isEqualTo(4_102_444_800_000L);

        leases.release(a);
        assertThat(raw.send("GET", path, null, admin).status()).isEqualTo(404);
    }

    @Test
    void renewal_afterSomeoneElseChangedTheDocument_rereadsTheRevision_andSucceeds() {
        InstanceId a = InstanceId.random();
        CouchDbInstanceLeases leases = new CouchDbInstanceLeases(couch, admin);
        Instant now = Instant.now();
        leases.renew(a, now.plusSeconds(30));
        String path = "/couchgate_instances/instance:" + a;
        String rev = raw.send("GET", path, null, admin).json().get("_rev").asText();
        assertThat(raw.send("PUT", path, "{\"_rev\":\"" + rev + "\",\"expires_at\":1}", admin).status())
                .isEqualTo(201);

        leases.renew(a, now.plusSeconds(60));

        assertThat(raw.send("GET", path, null, admin).json().get("expires_at").asLong())
                .isEqualTo(now.plusSeconds(60).toEpochMilli());
        assertThat(leases.liveAt(now.plusSeconds(45))).contains(a);
    }

    @Test
    void documentsInTheRangeThatAreNoLease_areIgnored() {
        raw.send("PUT", "/couchgate_instances/instance:not-a-uuid", "{\"expires_at\":4102444800000}", admin);
        raw.send("PUT", "/couchgate_instances/instance:" + InstanceId.random() + "x", "{\"note\":1}", admin);
        InstanceId a = InstanceId.random();
        CouchDbInstanceLeases leases = new CouchDbInstanceLeases(couch, admin);
        leases.renew(a, Instant.now().plusSeconds(30));
        assertThat(leases.liveAt(Instant.now())).contains(a).allSatisfy(id -> assertThat(id).isNotNull());
    }
}
