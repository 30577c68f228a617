package io.wagate.store;

import io.wagate.support.TestDatabase;

/** The store contract on a real PostgreSQL ({@link io.wagate.support.TestPostgres}). */
class PostgresStoreTest extends StoreContract {
    @Override
    TestDatabase.Backend backend() {
        return TestDatabase.Backend.POSTGRESQL;
    }
}
