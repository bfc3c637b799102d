package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.ContractSessions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The start-up purge with 10,000 stale session users: exact count, bounded requests, nothing else touched. */
@ExtendWith(CouchDbExtension.class)
class SessionUserPurgeAtScaleTest {

    private static final int STALE = 10_000;
    private static final int INSERT_BATCH = 2_000;

    @Test
    void tenThousandStaleUsers_areAllDeleted_inPagedReadsAndBatchedDeletes_unrelatedAndCurrentKept(
            CouchDbServer server) {
        CouchCredentials admin = RawCouch.adminOf(server);
        RawCouch raw = new RawCouch(server.url());
        try (CouchDbConnection couch = CouchDbConnection.open(TestCouchDbSettings.of(server.url()))) {
            CouchDbSessionUserDirectory directory = new CouchDbSessionUserDirectory(couch, admin, TestRandom::bytes);
            directory.deleteAllNotOf(InstanceId.random()); // start from no session users at all
            InstanceId current = InstanceId.random();
            Session kept = ContractSessions.session(current, Username.of("alice"));
            directory.create(kept);
            insertStaleUsers(raw, admin, InstanceId.random());
            List<String> unrelated = UnrelatedUsers.create(raw, admin, 3);

            long requestsBefore = couch.requestCount();
            long started = System.nanoTime();
            long deleted = directory.deleteAllNotOf(current);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long requests = couch.requestCount() - requestsBefore;
            System.out.printf("purge of %d stale session users on %s: %d ms, %d requests%n", deleted,
                    server.source(), took.toMillis(), requests);

            assertThat(deleted).isEqualTo(STALE);
            // 20 deletes in batches of 500; reads in pages of 1000: 11, or 12 when the current instance's user
            // (random position in the range) ends a page and is read again as the next page's first row
            assertThat(requests).isBetween(31L, 32L);
            assertThat(raw.send("GET", "/_session", null, kept.credentials()).status()).isEqualTo(200);
            for (String id : unrelated) {
                assertThat(raw.send("GET", CouchDbPaths.doc("_users", id), null, admin).status()).isEqualTo(200);
            }
            assertThat(directory.deleteAllNotOf(current)).isZero();
            directory.delete(kept);
        }
    }

    private static void insertStaleUsers(RawCouch raw, CouchCredentials admin, InstanceId earlier) {
        for (int from = 0; from < STALE; from += INSERT_BATCH) {
            ObjectNode body = RawCouch.JSON.createObjectNode();
            ArrayNode docs = body.putArray("docs");
            for (int i = from; i < from + INSERT_BATCH; i++) {
                String name = Session.sessionUserName(earlier, Username.of(i % 2 == 0 ? "alice" : "bob"),
                        new io.couchgate.domain.SessionId(String.format("stale%017d", i)));
                docs.addObject().put("_id", "org.couchdb.user:" + name).put("name", name).put("type", "user")
                        .put("password_scheme", "pbkdf2").put("iterations", 10)
                        .put("salt", "1112283cf988a34f124200a050d308a1")
                        .put("derived_key", "e579375db0e0c6a6fc79cd9e36a36859f71575c3")
                        .putArray("roles").add("end_user").add(i % 2 == 0 ? "user:alice" : "user:bob");
            }
            RawCouch.Answer answer = raw.send("POST", "/_users/_bulk_docs", body.toString(), admin);
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.json()).allSatisfy(result -> assertThat(result.has("error")).isFalse());
        }
    }
}
