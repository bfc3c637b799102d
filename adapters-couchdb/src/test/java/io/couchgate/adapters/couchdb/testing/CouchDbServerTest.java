package io.couchgate.adapters.couchdb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link CouchDbServer} as a value: names it makes and what it prints. */
class CouchDbServerTest {

    private static final String VALID_DB_NAME = "^[a-z][a-z0-9_$()+/-]*$";

    private final CouchDbServer server = new CouchDbServer(URI.create("http://127.0.0.1:5984/"),
            new BasicCredentials("admin", "s3cret-value"), CouchDbExtension.SOURCE_DEV_SERVER, () -> { });

    @Test
    void uniqueNamesAreValidDatabaseNamesAndNeverRepeat() {
        Set<String> names = new HashSet<>();
        for (String prefix : new String[] {"Posts", "9lives", "", "a b/c", "app_users"}) {
            for (int i = 0; i < 100; i++) {
                names.add(server.uniqueName(prefix));
            }
        }

        assertThat(names).hasSize(500).allMatch(name -> name.matches(VALID_DB_NAME));
        assertThat(server.uniqueName("Posts")).startsWith("posts-");
    }

    @Test
    void toStringNamesAdminButNotPassword() {
        assertThat(server.toString()).contains("admin").doesNotContain("s3cret-value");
    }

    @Test
    void urlLosesTrailingSlash() {
        assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:5984"));
    }
}
