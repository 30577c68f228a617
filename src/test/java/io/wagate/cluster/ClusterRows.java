package io.wagate.cluster;

import org.jdbi.v3.core.Jdbi;

/** Rows the in-process cluster tests start from: one account with sessions {@code ses0…}, oldest first. */
final class ClusterRows {
    private ClusterRows() {}

    static void accountWithSessions(Jdbi jdbi, int sessions) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO accounts (id, name, plan, is_admin, created_at) VALUES ('acc1', 'a', 'free', FALSE, 0)");
            for (int i = 0; i < sessions; i++) {
                h.execute("INSERT INTO sessions (id, account_id, name, engine, status, should_run, config, "
                        + "created_at, updated_at) VALUES ('ses" + i + "', 'acc1', 's" + i
                        + "', 'sandbox', 'STOPPED', FALSE, '{}', " + i + ", 0)");
            }
        });
    }
}
