package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CouchDbPathsTest {

    @Test
    void sessionUserId_travelsAsOneSegment_slashesEncoded_colonKept() {
        assertThat(CouchDbPaths.doc("_users",
                "org.couchdb.user:users/0b7c3f1e-8d0a-4c55-9f0e-1a2b3c4d5e6f/alice/AbC-_x"))
                .isEqualTo("/_users/org.couchdb.user:users%2F0b7c3f1e-8d0a-4c55-9f0e-1a2b3c4d5e6f%2Falice%2FAbC-_x");
    }

    @Test
    void reservedAndNonAsciiCharacters_arePercentEncodedAsUtf8() {
        assertThat(CouchDbPaths.segment("a b%?#&+é")).isEqualTo("a%20b%25%3F%23%26%2B%C3%A9");
    }

    @Test
    void designDocPrefix_isEncodedToo_whenPassedAsADocId() {
        assertThat(CouchDbPaths.segment("_design/x")).isEqualTo("_design%2Fx");
    }

    @Test
    void queryValue_encodesJsonKeys_includingColonAndQuotes() {
        assertThat(CouchDbPaths.queryValue("\"org.couchdb.user:users/\ufff0\""))
                .isEqualTo("%22org.couchdb.user%3Ausers%2F%EF%BF%B0%22");
    }
}
