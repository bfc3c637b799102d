package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.SessionUserName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purge's rules on a stand-in {@code _users} database (a {@link StubCouchDb} that answers {@code _all_docs}
 * ranges and {@code _bulk_docs} deletions as CouchDB does), so that no CouchDB is needed; the purge on a real
 * server at scale is {@link SessionUserPurgeAtScaleTest}.
 */
class SessionUserPurgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CouchCredentials ADMIN = new CouchCredentials("couchgate-admin", "admin-password-1");
    /** Sorts before {@link #STALE}: its users come first in {@code _all_docs}. */
    private static final InstanceId LIVE = new InstanceId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private static final InstanceId STALE = new InstanceId(UUID.fromString("ffffffff-0000-4000-8000-000000000002"));
    private static final Predicate<SessionUserName> OF_STALE = name -> name.instance().equals(STALE);

    private final NavigableMap<String, String> users = new ConcurrentSkipListMap<>();
    private final Set<String> conflicting = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private int pageStatus = 200;
    private int bulkStatus = 201;
    private StubCouchDb couch;
    private CouchDbConnection connection;

    @BeforeEach
    void startTheStandIn() throws IOException {
        couch = new StubCouchDb(this::answer);
        connection = CouchDbConnection.open(TestCouchDbSettings.of(couch.url()));
    }

    @AfterEach
    void stop() {
        connection.close();
        couch.close();
    }

    @Test
    void namesNotShapedAsSessionUsers_areNeverStale_evenForAPredicateThatCallsEverythingStale() {
        Predicate<SessionUserName> everything = name -> true;
        for (String id : List.of("org.couchdb.user:users/not-a-uuid/alice/key",
                "org.couchdb.user:users/" + STALE + "/alice",
                "org.couchdb.user:users/" + STALE + "/alice/key/extra",
                "org.couchdb.user:users/" + STALE + "//key",
                "org.couchdb.user:users/" + STALE + "/alice/",
                "org.couchdb.user:bob",
                "org.couchdb.user:users",
                "_design/_auth",
                "users/" + STALE + "/alice/key",
                "org.couchdb.user_users/" + STALE + "/alice/key")) {
            assertThat(SessionUserPurge.isStale(id, everything)).as(id).isFalse();
        }
        assertThat(SessionUserPurge.isStale(sessionUser(STALE, "alice", 1), everything)).isTrue();
    }

    @Test
    void wellShapedNames_areStaleExactlyWhenThePredicateSaysSo_givenTheParsedParts() {
        String id = sessionUser(STALE, "alice", 7);
        List<SessionUserName> seen = new ArrayList<>();

        assertThat(SessionUserPurge.isStale(id, name -> {
            seen.add(name);
            return false;
        })).isFalse();
        assertThat(SessionUserPurge.isStale(id, OF_STALE)).isTrue();
        assertThat(SessionUserPurge.isStale(sessionUser(LIVE, "alice", 7), OF_STALE)).isFalse();
        assertThat(seen).containsExactly(new SessionUserName(STALE, "alice", "key-7"));
    }

    @Test
    void purge_deletesOnlyTheStaleInstancesSessionUsers_andLeavesEveryOtherDocument() throws IOException {
        List<String> kept = List.of("_design/_auth", "org.couchdb.user:bob", sessionUser(LIVE, "alice", 1),
                sessionUser(LIVE, "bob", 2), "org.couchdb.user:users/not-a-uuid/alice/key",
                "org.couchdb.user:users/" + STALE + "/alice");
        kept.forEach(id -> users.put(id, "1-a"));
        List<String> stale = List.of(sessionUser(STALE, "alice", 1), sessionUser(STALE, "carol", 2));
        stale.forEach(id -> users.put(id, "2-b"));

        SessionUserPurge purge = new SessionUserPurge(connection, ADMIN);
        long deleted = purge.deleteWhere(OF_STALE);

        assertThat(deleted).isEqualTo(2);
        assertThat(purge.requests()).isEqualTo(2);
        assertThat(purge.refused()).isZero();
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(kept);
        List<StubCouchDb.Request> requests = couch.requests();
        assertThat(requests).extracting(StubCouchDb.Request::method).containsExactly("GET", "POST");
        assertThat(requests.get(0).target()).startsWith("/_users/_all_docs?startkey=");
        assertThat(query(requests.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "startkey", "\"org.couchdb.user:users/\"", "endkey", "\"org.couchdb.user:users/\ufff0\"",
                "limit", "1000"));
        assertThat(requests.get(1).target()).isEqualTo("/_users/_bulk_docs");
        assertThat(JSON.readTree(requests.get(1).body())).isEqualTo(JSON.readTree(
                "{\"docs\":[{\"_id\":\"" + stale.get(0) + "\",\"_rev\":\"2-b\",\"_deleted\":true},"
                        + "{\"_id\":\"" + stale.get(1) + "\",\"_rev\":\"2-b\",\"_deleted\":true}]}"));
        assertThat(requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(
                        "couchgate-admin:admin-password-1".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void purge_withNothingStale_readsOnePage_andSendsNoDeletion() {
        users.put(sessionUser(LIVE, "alice", 1), "1-a");

        assertThat(new SessionUserPurge(connection, ADMIN).deleteWhere(OF_STALE)).isZero();

        assertThat(couch.requests()).extracting(StubCouchDb.Request::method).containsExactly("GET");
        assertThat(users).hasSize(1);
    }

    @Test
    void purge_readsPageByPage_fromThePreviousPagesLastId_andDeletesInBatchesOf500_eachIdOnce() throws IOException {
        // 300 live users, then 900 stale: the first page (1000 rows) ends on a stale user not yet sent for deletion,
        // which the next page (startkey is inclusive) returns again.
        for (int i = 0; i < 300; i++) {
            users.put(sessionUser(LIVE, "alice", i), "1-a");
        }
        for (int i = 0; i < 900; i++) {
            users.put(sessionUser(STALE, "alice", i), "1-a");
        }
        String lastOfFirstPage = new ArrayList<>(users.keySet()).get(SessionUserPurge.PAGE_SIZE - 1);

        SessionUserPurge purge = new SessionUserPurge(connection, ADMIN);
        long deleted = purge.deleteWhere(OF_STALE);

        assertThat(deleted).isEqualTo(900);
        assertThat(purge.requests()).isEqualTo(couch.requests().size()).isEqualTo(4);
        assertThat(purge.refused()).isZero();
        assertThat(users).hasSize(300).allSatisfy((id, rev) -> assertThat(id).contains(LIVE.toString()));
        List<StubCouchDb.Request> pages = couch.requests().stream().filter(r -> r.method().equals("GET")).toList();
        assertThat(pages).hasSize(2);
        assertThat(query(pages.get(1))).containsEntry("startkey", JSON.writeValueAsString(lastOfFirstPage));
        List<List<String>> batches = new ArrayList<>();
        for (StubCouchDb.Request r : couch.requests()) {
            if (r.method().equals("POST")) {
                batches.add(ids(r));
            }
        }
        assertThat(batches).extracting(List::size).containsExactly(500, 400);
        assertThat(batches.stream().flatMap(List::stream).distinct().count()).isEqualTo(900);
    }

    @Test
    void exactlyAFullBatch_isSentOnce_andAFullLastPage_isFollowedByOneMoreRead() {
        for (int i = 0; i < SessionUserPurge.PAGE_SIZE; i++) {
            users.put(sessionUser(STALE, "alice", i), "1-a");
        }

        assertThat(new SessionUserPurge(connection, ADMIN).deleteWhere(OF_STALE)).isEqualTo(1000);

        assertThat(couch.requests()).extracting(StubCouchDb.Request::method)
                .containsExactly("GET", "POST", "POST", "GET");
        assertThat(users).isEmpty();
    }

    @Test
    void conflictsAreNeitherCountedNorErrors_andRefusedDeletionsAreCountedApart_forTheNextSweep() {
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stale.add(sessionUser(STALE, "alice", i));
        }
        stale.forEach(id -> users.put(id, "1-a"));
        conflicting.addAll(stale.subList(0, 2));
        refused.add(stale.get(2));

        SessionUserPurge purge = new SessionUserPurge(connection, ADMIN);

        assertThat(purge.deleteWhere(OF_STALE)).isEqualTo(3);
        assertThat(purge.refused()).isEqualTo(1);
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(stale.subList(0, 3));
    }

    @Test
    void bulkAnswer202_countsAsWritten() {
        users.put(sessionUser(STALE, "alice", 1), "1-a");
        bulkStatus = 202;

        assertThat(new SessionUserPurge(connection, ADMIN).deleteWhere(OF_STALE)).isEqualTo(1);
    }

    @Test
    void aPageAnswerOtherThan200_isACouchDbException_andDeletesNothing() {
        users.put(sessionUser(STALE, "alice", 1), "1-a");
        pageStatus = 500;

        assertThatThrownBy(() -> new SessionUserPurge(connection, ADMIN).deleteWhere(OF_STALE))
                .isInstanceOf(CouchDbException.class).hasMessageContaining("500");
        assertThat(couch.requests()).extracting(StubCouchDb.Request::method).containsExactly("GET");
    }

    @Test
    void aBulkAnswerOtherThan201Or202_isACouchDbException() {
        users.put(sessionUser(STALE, "alice", 1), "1-a");
        bulkStatus = 400;

        assertThatThrownBy(() -> new SessionUserPurge(connection, ADMIN).deleteWhere(OF_STALE))
                .isInstanceOf(CouchDbException.class).hasMessageContaining("400");
    }

    private static String sessionUser(InstanceId instance, String username, int n) {
        return "org.couchdb.user:" + new SessionUserName(instance, username, "key-" + n).name();
    }

    private StubCouchDb.Answer answer(StubCouchDb.Request request) {
        try {
            if (request.method().equals("GET") && request.target().startsWith("/_users/_all_docs?")) {
                return page(query(request));
            }
            if (request.method().equals("POST") && request.target().equals("/_users/_bulk_docs")) {
                return bulk(ids(request));
            }
            return new StubCouchDb.Answer(404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StubCouchDb.Answer page(Map<String, String> query) throws IOException {
        if (pageStatus != 200) {
            return new StubCouchDb.Answer(pageStatus, "{\"error\":\"unknown_error\",\"reason\":\"stand-in\"}");
        }
        String start = JSON.readValue(query.get("startkey"), String.class);
        String end = JSON.readValue(query.get("endkey"), String.class);
        int limit = Integer.parseInt(query.get("limit"));
        ArrayNode rows = JSON.createArrayNode();
        users.subMap(start, true, end, true).entrySet().stream().limit(limit).forEach(e -> {
            ObjectNode row = rows.addObject().put("id", e.getKey()).put("key", e.getKey());
            row.putObject("value").put("rev", e.getValue());
        });
        ObjectNode body = JSON.createObjectNode().put("total_rows", users.size()).put("offset", 0);
        body.set("rows", rows);
        return new StubCouchDb.Answer(200, JSON.writeValueAsString(body));
    }

    private StubCouchDb.Answer bulk(List<String> ids) throws IOException {
        if (bulkStatus != 201 && bulkStatus != 202) {
            return new StubCouchDb.Answer(bulkStatus, "{\"error\":\"bad_request\",\"reason\":\"stand-in\"}");
        }
        ArrayNode results = JSON.createArrayNode();
        for (String id : ids) {
            if (conflicting.contains(id) || !users.containsKey(id)) {
                results.addObject().put("id", id).put("error", "conflict").put("reason", "Document update conflict.");
            } else if (refused.contains(id)) {
                results.addObject().put("id", id).put("error", "forbidden").put("reason", "refused");
            } else {
                users.remove(id);
                results.addObject().put("ok", true).put("id", id).put("rev", "3-c");
            }
        }
        return new StubCouchDb.Answer(bulkStatus, JSON.writeValueAsString(results));
    }

    private static List<String> ids(StubCouchDb.Request bulk) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode doc : JSON.readTree(bulk.body()).get("docs")) {
            assertThat(doc.get("_deleted").asBoolean()).isTrue();
            ids.add(doc.get("_id").asText());
        }
        return ids;
    }

    private static Map<String, String> query(StubCouchDb.Request request) {
        Map<String, String> query = new HashMap<>();
        String raw = request.target().substring(request.target().indexOf('?') + 1);
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
