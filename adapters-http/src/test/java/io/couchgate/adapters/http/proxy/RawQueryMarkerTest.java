package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The marker's two ends: what the relay handler keeps for Micronaut's path, and what reaches CouchDB's request line,
 * which a marker can change only into a query CouchDB reads the same (a client's marker over HTTP/2 included).
 */
class RawQueryMarkerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ' ', quoteCharacter = '\'', nullValues = "NONE", value = {
        "/database/db/_changes?since=\"now\" /database/db/_changes?since=%22now%22 since=\"now\"",
        "/database/db/_changes?a=%22[|]&b={} /database/db/_changes?a=%22%5B%7C%5D&b=%7B%7D a=%22[|]&b={}",
        "/database/db/_changes?since=%22now%22 /database/db/_changes?since=%22now%22 NONE",
        "/database/db/doc /database/db/doc NONE",
        "/api/x?a=\"b\" /api/x?a=\"b\" NONE"})
    void keep_encodesForMicronaut_andKeepsTheRawQuery(String target, String micronaut, String marker) {
        HttpRequest request = request(target, "forged");
        RawQueryMarker.strip(request);

        RawQueryMarker.keep(request);

        assertThat(request.uri()).isEqualTo(micronaut);
        assertThat(request.headers().get(RawQueryMarker.HEADER)).isEqualTo(marker);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = ' ', quoteCharacter = '\'', nullValues = "NONE", value = {
        "/db/_changes?since=%22now%22 since=\"now\" /db/_changes?since=\"now\"",
        "/db/_changes?a=%22%5B%7C%5D a=%22[|] /db/_changes?a=%22[|]",
        "/db/_changes?a=%22%5B%7C%5D a=\"[%7C] /db/_changes?a=\"[%7C]",
        "/db/_changes?since=%22now%22 since=\"then\" /db/_changes?since=%22now%22",
        "/db/_changes?since=%22now%22 since=0 /db/_changes?since=%22now%22",
        "/db/_changes?since=%22now%22 since=\"now\"&filter=x /db/_changes?since=%22now%22",
        "/db/_changes?since=%22now%22 '' /db/_changes?since=%22now%22",
        "/db/_changes?since=0 since=%30 /db/_changes?since=0",
        "/db/doc a=\"b\" /db/doc",
        "/db/_changes?since=%22now%22 NONE /db/_changes?since=%22now%22"})
    void restore_putsTheRawQueryBackOnlyWhereItEncodesToTheSentOne(String sent, String marker, String written) {
        HttpRequest request = request(sent, marker);

        RawQueryMarker.restore(request);

        assertThat(request.uri()).isEqualTo(written);
        assertThat(request.headers().contains(RawQueryMarker.HEADER)).isFalse();
    }

    private static HttpRequest request(String target, String marker) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        if (marker != null) {
            request.headers().set(RawQueryMarker.HEADER, marker);
        }
        return request;
    }
}
