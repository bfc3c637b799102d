package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule that only {@code _local/<id>} routes reach {@code _local} documents: bodies and queries where CouchDB
 * reads a doc id or key are refused when one starts with {@code _local/} (or cannot be read), everything else
 * passes. End to end on CouchDB: {@code DatabaseProxyLocalDocsTest}.
 */
class LocalIdGuardTest {

    @ParameterizedTest
    @CsvSource({"POST,/posts", "POST,/posts/", "POST,/posts/_bulk_docs", "POST,/posts/_bulk_get",
        "POST,/posts/_all_docs", "POST,/posts/_design_docs", "POST,/posts/_all_docs/queries",
        "POST,/posts/_design_docs/queries", "PUT,/posts/_bulk_docs", "POST,/posts/%5Fbulk_docs",
        "POST,/posts/_bulk_docs/", "POST,/posts/_all_docs/queries/"})
    void requestsWhereCouchDbReadsIdsFromTheBody_areInspected(String method, String path) {
        assertThat(LocalIdGuard.inspectsBody(method, path)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"GET,/posts/_all_docs", "DELETE,/posts/_bulk_docs", "POST,/posts/_find", "POST,/posts/_revs_diff",
        "POST,/posts/_changes", "PUT,/posts/alice:doc", "POST,/posts/_bulk_docs/x", "POST,/posts/_local/x",
        "POST,/posts/_bulk_docs//"})
    void otherRequests_streamUninspected(String method, String path) {
        assertThat(LocalIdGuard.inspectsBody(method, path)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/posts|{\"_id\":\"_local/x\",\"owner\":\"alice\"}",
        "/posts/_bulk_docs|{\"docs\":[{\"_id\":\"alice:a\"},{\"_id\":\"_local/x\"}]}",
        "/posts/_bulk_get|{\"docs\":[{\"id\":\"_local/x\"}]}",
        "/posts/_all_docs|{\"keys\":[\"alice:a\",\"_local/x\"]}",
        "/posts/_all_docs|{\"key\":\"_local/x\"}",
        "/posts/_design_docs|{\"keys\":[\"_local/x\"]}",
        "/posts/_all_docs/queries|{\"queries\":[{\"keys\":[\"a\"]},{\"keys\":[\"_local/x\"]}]}",
        "/posts/_all_docs/queries|{\"queries\":[{\"key\":\"_local/x\"}]}",
        "/posts/_design_docs/queries|{\"queries\":[{\"key\":\"_local/x\"}]}"})
    void aLocalIdWhereCouchDbReadsIds_isRefused(String path, String body) {
        assertThat(LocalIdGuard.bodyNamesLocal(path, bytes(body))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/posts|{\"_id\":\"alice:a\",\"text\":\"_local/x\",\"nested\":{\"_id\":\"_local/x\"}}",
        "/posts|{\"list\":[\"_local/x\"],\"_id\":\"alice:a\"}",
        "/posts/_bulk_docs|{\"docs\":[{\"_id\":\"alice:a\",\"ref\":\"_local/x\"}],\"note\":\"_local/x\"}",
        "/posts/_bulk_docs|{\"docs\":[{\"_id\":\"alice:a\",\"tags\":[\"_local/x\"]}]}",
        "/posts/_bulk_get|{\"docs\":[{\"id\":\"alice:a\",\"rev\":\"_local/x\"}]}",
        "/posts/_all_docs|{\"keys\":[\"alice:a\"],\"startkey\":\"_local/x\"}",
        "/posts/_all_docs|{\"key\":\"alice:_local/x\"}",
        "/posts/_all_docs/queries|{\"queries\":[{\"startkey\":\"_local/x\"}]}",
        "/posts|{\"_id\":\"alice:a\"}"})
    void localLookingStringsElsewhere_orIdsNotStartingWithIt_pass(String path, String body) {
        assertThat(LocalIdGuard.bodyNamesLocal(path, bytes(body))).isFalse();
    }

    @Test
    void anEmptyBody_passes_forCouchDbToAnswer() {
        assertThat(LocalIdGuard.bodyNamesLocal("/posts/_bulk_docs", new byte[0])).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"docs\":[", "{\"_id\":\"a\"} {\"_id\":\"_local/x\"}", "[1] [2]", "{\"_id\":}",
        "{\"_id\":\"a\"}x"})
    void aBodyThatIsNotExactlyOneJsonValue_isRefused(String body) {
        assertThat(LocalIdGuard.bodyNamesLocal("/posts", bytes(body))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/posts/_all_docs|key=%22_local%2Fx%22",
        "/posts/_all_docs|keys=%5B%22a%22%2C%22_local%2Fx%22%5D",
        "/posts/_design_docs|key=%22_local%2Fx%22",
        "/posts/_all_docs|key=%22unterminated"})
    void aLocalKeyInTheQueryOfAllDocs_orOneThatCannotBeRead_isRefused(String path, String rawQuery) {
        assertThat(LocalIdGuard.queryNamesLocal(path, ParsedQuery.parse(rawQuery).orElseThrow())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/posts/_all_docs|key=%22alice%3Aa%22",
        "/posts/_all_docs|startkey=%22_local%2Fx%22",
        "/posts/_changes|key=%22_local%2Fx%22",
        "/posts/_find|keys=%5B%22_local%2Fx%22%5D"})
    void otherKeysOrOtherEndpoints_pass(String path, String rawQuery) {
        assertThat(LocalIdGuard.queryNamesLocal(path, ParsedQuery.parse(rawQuery).orElseThrow())).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
