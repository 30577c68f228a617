package io.wagate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.TestDatabase;
import io.wagate.support.TestDatabase.Backend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The migrations run on both backends, once. */
class DatabaseMigrationTest {
    private static final List<String> TABLES = List.of("accounts", "sessions", "api_keys", "engine_auth");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void migrationsRunAndCreateTheTables(Backend backend) throws SQLException {
        try (var storage = backend.create()) {
            var database = storage.open();

            assertThat(database.kind().name()).isEqualTo(backend.name());
            assertThat(database.isUp()).isTrue();
            var info = flyway(storage).info();
            assertThat(info.pending()).as("pending migrations").isEmpty();
            assertThat(info.applied()).as("applied migrations").isNotEmpty()
                    .allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
            assertThat(info.applied().length).isEqualTo(info.all().length);
            try (var c = storage.connect()) {
                assertThat(tables(c)).containsAll(TABLES);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void openingTwiceMigratesOnlyOnceAndKeepsTheData(Backend backend) throws SQLException {
        try (var storage = backend.create()) {
            var first = storage.open();
            first.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO accounts (id, name, plan, is_admin, created_at) VALUES ('acc_1', 'one', 'basic', FALSE, 1)"));
            List<String> historyBefore = history(storage);
            first.close();

            var second = storage.open();

            assertThat(history(storage)).as("flyway_schema_history after the second open").isEqualTo(historyBefore);
            assertThat(flyway(storage).migrate().migrationsExecuted).isZero();
            String name = second.jdbi().withHandle(h -> h.createQuery("SELECT name FROM accounts WHERE id = 'acc_1'")
                    .mapTo(String.class).one());
            assertThat(name).as("data written before the reopen").isEqualTo("one");
        }
    }

    private static Flyway flyway(TestDatabase storage) {
        return Flyway.configure().dataSource(storage.jdbcUrl(), null, null)
                .locations("classpath:db/migration").load();
    }

    /** Every row of Flyway's history table, as text, in order. */
    private static List<String> history(TestDatabase storage) throws SQLException {
        var rows = new ArrayList<String>();
        try (var c = storage.connect(); var st = c.createStatement();
             var rs = st.executeQuery("""
                     SELECT installed_rank, version, script, checksum, installed_on, success
                     FROM flyway_schema_history ORDER BY installed_rank""")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getObject(4)
                        + "|" + rs.getString(5) + "|" + rs.getBoolean(6));
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }

    private static TreeSet<String> tables(Connection c) throws SQLException {
        var names = new TreeSet<String>();
        try (var rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
