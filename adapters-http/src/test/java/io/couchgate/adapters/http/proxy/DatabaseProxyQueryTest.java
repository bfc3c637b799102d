package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query is read as CouchDB reads it (names in any case, {@code &} and {@code ;}, percent-decoded), once, and
 * what couchgate refuses on it never reaches CouchDB.
 */
class DatabaseProxyQueryTest extends ProxyOverStub {

    private static final String FORBIDDEN =
            "{\"error\":\"forbidden\",\"reason\":\"This path cannot be reached through couchgate.\"}";

    @ParameterizedTest
    @ValueSource(strings = {"FILTER=couchgate/x", "Filter=couchgate/x", "%46ILTER=couchgate/x",
        "since=0;FILTER=couchgate/x", "feed=continuous&fIlTeR=couchgate%2Fx"})
    void designDocumentFilterInAnySpelling_returns403_andNeverContactsCouchDb(String query) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/_changes?" + query, List.of(), null);

        assertThat(response.status()).as(query).isEqualTo(403);
        assertThat(response.bodyText()).isEqualTo(FORBIDDEN);
        assertThat(couchDb.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET|/posts/_changes?feed=normal&FEED=continuous|feed", "GET|/posts/_changes?feed=longpoll;feed=longpoll|feed",
        "POST|/posts/_changes?filter=_doc_ids&FILTER=_view|filter", "GET|/posts/_changes?view=a/b&View=a/c|view",
        "GET|/posts/_changes?doc_ids=%5B%5D&DOC_IDS=%5B%22x%22%5D|doc_ids",
        "GET|/posts/_changes?since=0&Since=now|since",
        "PUT|/posts/doc?new_edits=true&NEW_EDITS=false|new_edits",
        "POST|/posts/_bulk_docs?new_edits=false;new_edits=true|new_edits",
        "DELETE|/posts/doc?rev=1-a&rev=2-b|rev", "GET|/posts/doc?open_revs=all&OPEN_REVS=%5B%5D|open_revs"})
    void meaningChangingParameterGivenTwice_returns400_andNeverContactsCouchDb(String method, String target,
                                                                               String name) throws Exception {
        RawResponse response = proxy.sendAuthenticated(method, "/database" + target, List.of(), null);

        assertThat(response.status()).as(target).isEqualTo(400);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"bad_request\",\"reason\":\"The query parameter "
                + name + " is given more than once, in one spelling or another.\"}");
        assertThat(response.header("content-type")).containsExactly("application/json");
        assertThat(couchDb.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/doc?x=%FF", "/posts/_changes?filter=%C3%28", "/posts/_all_docs?%80=1"})
    void queryThatIsNotUtf8_returns400_andNeverContactsCouchDb(String target) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database" + target, List.of(), null);

        assertThat(response.status()).as(target).isEqualTo(400);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"bad_request\","
                + "\"reason\":\"The query string is not valid percent-encoded UTF-8.\"}");
        assertThat(couchDb.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FEED=continuous&limit=1&LIMIT=2", "x;feed=%63ontinuous&x=1&x=2&Filter=_doc_ids"})
    void allowedQuery_goesUpstreamByteForByte(String query) throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/_changes?" + query, List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(couchDb.onlyRequest().rawTarget()).isEqualTo("/posts/_changes?" + query);
    }
}
