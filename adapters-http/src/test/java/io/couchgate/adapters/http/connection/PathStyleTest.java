package io.couchgate.adapters.http.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which error style a refused request gets, from its target or from the first bytes of its head. */
class PathStyleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/database|DATABASE", "/database/posts/a|DATABASE", "/database?x=1|DATABASE", "/databases/x|OTHER",
        "/api|API", "/api/users|API", "/api?x|API", "/apis|OTHER", "/|OTHER", "/nope/database|OTHER",
        "http://localhost:8080/database/posts|DATABASE", "https://h/api/users|API", "http://h|OTHER", "*|OTHER"})
    void target_givesItsPathsStyle(String target, PathStyle style) {
        assertThat(PathStyle.ofTarget(target)).isEqualTo(style);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "GET /database/posts/alice:ddddd|DATABASE", "PUT /api/users HTTP/1.1|API", "GET /nope HTTP/1.1|OTHER",
        "GET|OTHER", "''|OTHER", "GET http://localhost/database/p|DATABASE"})
    void headStart_givesItsTargetsStyle(String headStart, PathStyle style) {
        assertThat(PathStyle.ofHeadStart(headStart)).isEqualTo(style);
    }

    @org.junit.jupiter.api.Test
    void blankLinesBeforeTheRequestLine_areSkipped() {
        assertThat(PathStyle.ofHeadStart("\r\n\r\nGET /database/posts HTTP/1.1")).isEqualTo(PathStyle.DATABASE);
    }
}
