package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query as CouchDB reads it: mochiweb's {@code parse_qs} (separators {@code &} and {@code ;}, {@code +} and
 * percent-decoding) and {@code chttpd_db:parse_changes_query} (names compared after {@code string:to_lower}).
 */
class ParsedQueryTest {

    @ParameterizedTest
    @ValueSource(strings = {"feed=continuous", "FEED=continuous", "Feed=continuous", "feed=%63ontinuous",
        "%66eed=continuous", "x;feed=continuous", "since=now&feed=continuous", "feed=live", "feed=longpoll",
        "FEED=longpoll", "feed=eventsource", "fEeD=%65ventsource", "feed=continuous&feed=normal"})
    void everySpellingOfALongLivedFeed_isSeenAsOne(String rawQuery) {
        assertThat(parse(rawQuery).asksForLongLivedFeed()).as(rawQuery).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "feed=normal", "feed=Continuous", "feed=continuous+", "feed%3Dcontinuous",
        "xfeed=continuous", "feed =continuous", "since=0&limit=10", "feeds=continuous"})
    void otherQueries_areNoLongLivedFeed(String rawQuery) {
        assertThat(parse(rawQuery).asksForLongLivedFeed()).as(rawQuery).isFalse();
    }

    @Test
    void values_areDecoded_inOrder_whateverTheCaseOfTheName() {
        ParsedQuery query = parse("filter=_view;FILTER=a%2Fb&Filter=x+y&filter&view=app%2Fv");

        assertThat(query.values("filter")).containsExactly("_view", "a/b", "x y", "");
        assertThat(query.values("view")).containsExactly("app/v");
        assertThat(query.values("since")).isEmpty();
    }

    @Test
    void onlyAsciiLettersAreLowerCased_asErlangsToLowerDoesForThem() {
        assertThat(parse("%E2%84%AAey=1").values("key")).isEmpty();
    }

    @Test
    void repeated_findsANameGivenTwiceInAnySpelling() {
        Set<String> names = Set.of("feed", "filter");

        assertThat(parse("feed=normal&FEED=continuous").repeated(names)).contains("feed");
        assertThat(parse("filter=_view;f%69lter=x").repeated(names)).contains("filter");
        assertThat(parse("feed=continuous&filter=_view&since=0&since=1").repeated(names)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=%zz", "filter=%", "%FF=1", "a=%C3%28"})
    void undecodableQuery_isNotParsed(String rawQuery) {
        assertThat(ParsedQuery.parse(rawQuery)).isEmpty();
    }

    @Test
    void noQuery_isEmpty() {
        assertThat(ParsedQuery.parse(null)).contains(ParsedQuery.EMPTY);
        assertThat(ParsedQuery.EMPTY.values("feed")).isEqualTo(List.of());
    }

    private static ParsedQuery parse(String rawQuery) {
        return ParsedQuery.parse(rawQuery).orElseThrow();
    }
}
