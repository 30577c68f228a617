package io.wagate.store;

import io.wagate.support.TestDatabase;

/** The store contract on SQLite in a temp directory. */
class SqliteStoreTest extends StoreContract {
    @Override
    TestDatabase.Backend backend() {
        return TestDatabase.Backend.SQLITE;
    }
}
