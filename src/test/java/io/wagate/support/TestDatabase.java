package io.wagate.support;

import io.wagate.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fresh, empty storage on one of the two backends wagate supports: SQLite in a temp directory, or a new
 * database on the shared {@link TestPostgres} server. {@link #open()} runs {@link Database#open} on it
 * exactly as the server does (and may be called again to reopen the same data). Close it to close every
 * {@link Database} it opened and delete the data.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Backend {
        SQLITE, POSTGRESQL;

        /** Fresh storage of this backend. */
        public TestDatabase create() {
            return TestDatabase.create(this);
        }
    }

    private final Backend backend;
    private final Path dataDir;
    private final Optional<TestPostgres.PgDatabase> postgres;
    private final List<Database> opened = new ArrayList<>();

    private TestDatabase(Backend backend, Path dataDir, Optional<TestPostgres.PgDatabase> postgres) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    public static TestDatabase create(Backend backend) {
        Path dir;
        try {
            dir = Files.createTempDirectory("wagate-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestDatabase(backend, dir,
                backend == Backend.POSTGRESQL ? Optional.of(TestPostgres.createDatabase()) : Optional.empty());
    }

    public Backend backend() {
        return backend;
    }

    /** What goes into {@code Config.databaseUrl}: empty for SQLite, the JDBC URL for PostgreSQL. */
    public Optional<String> databaseUrl() {
        return postgres.map(TestPostgres.PgDatabase::jdbcUrl);
    }

    /** What goes into {@code Config.dataDir}: where the SQLite file lives. */
    public Path dataDir() {
        return dataDir;
    }

    /** A JDBC URL for a plain connection or a Flyway of its own, beside {@link Database}'s pool. */
    public String jdbcUrl() {
        return databaseUrl().orElse("jdbc:sqlite:" + dataDir.resolve("wagate.db"));
    }

    /** A plain JDBC connection, to look under the stores in assertions. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Opens (and so migrates) the storage like the server does; closed with this object. */
    public synchronized Database open() {
        var database = Database.open(databaseUrl(), dataDir);
        opened.add(database);
        return database;
    }

    @Override
    public synchronized void close() {
        try {
            opened.forEach(Database::close);
            postgres.ifPresent(TestPostgres.PgDatabase::close);
        } finally {
            TestServer.deleteRecursively(dataDir);
        }
    }

    @Override
    public String toString() {
        return backend.name().toLowerCase();
    }
}
