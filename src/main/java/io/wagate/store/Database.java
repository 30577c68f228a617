package io.wagate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wagate.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import io.wagate.ids.ChatId;
import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The one store of all state: SQLite in the data directory by default, PostgreSQL when a
 * {@code jdbc:postgresql:} URL is configured. The same numbered migrations run on both.
 */
public final class Database implements AutoCloseable {
    public enum Kind { SQLITE, POSTGRESQL }

    private final Kind kind;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    /** SQLite only: SQLite's own checkpoints are off (see {@link WalCheckpointer}). */
    private final Optional<WalCheckpointer> checkpointer;

    private Database(Kind kind, HikariDataSource dataSource) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.jdbi = withTypedIds(Jdbi.create(dataSource));
        this.checkpointer = kind == Kind.SQLITE ? Optional.of(new WalCheckpointer(dataSource, CHECKPOINT_EVERY_MILLIS))
                : Optional.empty();
    }

    private static final long CHECKPOINT_EVERY_MILLIS = 500;

    /** Typed ids bind as their text and map back from it, so stores take and return them directly. */
    private static Jdbi withTypedIds(Jdbi jdbi) {
        return jdbi
                .registerArgument(new AbstractArgumentFactory<ChatId>(Types.VARCHAR) {
                    @Override
                    protected Argument build(ChatId chatId, ConfigRegistry config) {
                        return (position, statement, context) -> statement.setString(position, chatId.value());
                    }
                })
                .registerColumnMapper(ChatId.class, (rs, column, context) -> {
                    String value = rs.getString(column);
                    return value == null ? null : ChatId.of(value);
                });
    }

    public static Database open(Optional<String> url, Path dataDir) {
        var database = url.isPresent() ? postgres(url.get()) : sqlite(dataDir);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static Database sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        var hikari = new HikariConfig();
        hikari.setPoolName("wagate-sqlite");
        hikari.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve("wagate.db"));
        // WAL lets readers run beside the single writer; NORMAL sync in WAL mode survives a process
        // crash (kill -9) and only risks the last commits on power loss.
        hikari.addDataSourceProperty("journal_mode", "WAL");
        hikari.addDataSourceProperty("synchronous", "NORMAL");
        hikari.addDataSourceProperty("foreign_keys", "true");
        hikari.addDataSourceProperty("busy_timeout", "10000");
        // Checkpoints run on a thread of their own instead of inside a writer's commit; a log that was reset is cut
        // back to 64 MB.
        hikari.addDataSourceProperty("wal_autocheckpoint", "0");
        hikari.addDataSourceProperty("journal_size_limit", String.valueOf(64L << 20));
        // BEGIN IMMEDIATE: a transaction takes the write lock at its start. One that read first would pin a
        // snapshot, and its first write would fail at once (SQLITE_BUSY_SNAPSHOT) when another connection had
        // written meanwhile, instead of waiting its turn; the message writer's batches read before they write.
        hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // No caller reads generated keys; without this the driver runs a second query after every insert.
        hikari.addDataSourceProperty("jdbc.get_generated_keys", "false");
        // Two connections stay with the writers (messages, webhook outbox); the rest serve reads.
        hikari.setMaximumPoolSize(6);
        hikari.setMinimumIdle(1);
        return new Database(Kind.SQLITE, new HikariDataSource(hikari));
    }

    private static Database postgres(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("WAGATE_DATABASE_URL must be a jdbc:postgresql: URL (leave it unset for SQLite)");
        }
        var hikari = new HikariConfig();
        hikari.setPoolName("wagate-postgres");
        hikari.setJdbcUrl(url);
        hikari.setMaximumPoolSize(10);
        hikari.setMinimumIdle(1);
        return new Database(Kind.POSTGRESQL, new HikariDataSource(hikari));
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // The one type the two stores spell differently.
                .placeholders(java.util.Map.of("binary", kind == Kind.POSTGRESQL ? "BYTEA" : "BLOB"))
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for a library that speaks JDBC (Bucket4j's shared buckets). */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public Kind kind() {
        return kind;
    }

    /** True when a trivial query answers; used by the health check. */
    public boolean isUp() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** SQLite: checkpoints the log now; answers the pages left in it. For tests; a timer does it otherwise. */
    long checkpoint() {
        return checkpointer.map(WalCheckpointer::checkpoint).orElse(0L);
    }

    @Override
    public void close() {
        checkpointer.ifPresent(WalCheckpointer::close);
        dataSource.close(); // SQLite checkpoints the log as its last connection closes
    }
}
