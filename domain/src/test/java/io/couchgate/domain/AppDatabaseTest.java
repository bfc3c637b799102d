package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppDatabaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"posts", "a", "p0sts_2026", "x$y(z)+w-v"})
    void acceptsCouchDbNamesStartingWithALowerCaseLetter(String name) {
        assertThat(new AppDatabase(name, DatabasePolicy.OWNER_WRITE).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Posts", "1posts", "_users", "_replicator", "posts/comments", "my posts", "póst"})
    void refusesInvalidNames(String name) {
        assertThatThrownBy(() -> new AppDatabase(name, DatabasePolicy.OWNER_WRITE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid database name: " + name);
    }

    @Test
    void acceptsTheLongestCouchDbName_238Characters_andRefuses239() {
        assertThat(new AppDatabase("a".repeat(238), DatabasePolicy.OWNER_WRITE).name()).hasSize(238);
        assertThatThrownBy(() -> new AppDatabase("a".repeat(239), DatabasePolicy.OWNER_WRITE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> new AppDatabase(null, DatabasePolicy.OWNER_WRITE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid database name: null");
    }

    @Test
    void refusesCouchgatesOwnUserDatabase() {
        assertThatThrownBy(() -> new AppDatabase("app_users", DatabasePolicy.OWNER_WRITE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("app_users is couchgate's own database");
    }

    @Test
    void requiresAPolicy() {
        assertThatThrownBy(() -> new AppDatabase("posts", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("policy");
    }
}
