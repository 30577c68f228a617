package io.wagate.webhook;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox writer's own connection, kept open (one of the pool's), with the statements of the hot path prepared
 * once. Used only under the writer's lock. A connection that fails is dropped and a new one opened on next use.
 */
final class OutboxConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxConnection.class);

    private final Jdbi jdbi;
    private Handle handle;
    private PreparedStatement insert;
    private PreparedStatement record;

    OutboxConnection(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Handle handle() {
        if (handle == null) {
            handle = jdbi.open();
        }
        return handle;
    }

    PreparedStatement insert() throws SQLException {
        if (insert == null) {
            insert = handle().getConnection().prepareStatement(DeliveryStore.INSERT);
        }
        return insert;
    }

    PreparedStatement record() throws SQLException {
        if (record == null) {
            record = handle().getConnection().prepareStatement(DeliveryStore.RECORD);
        }
        return record;
    }

    /** After a failed transaction: rolls back, and gives the connection up if that fails too. */
    void rollback() {
        if (handle == null) {
            return;
        }
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            log.warn("the webhook outbox connection failed; opening a new one", e);
            close();
        }
    }

    @Override
    public void close() {
        if (handle == null) {
            return;
        }
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
            handle.close(); // closes the statements with the connection
        } catch (RuntimeException e) {
            log.debug("closing the webhook outbox connection failed", e);
        }
        handle = null;
        insert = null;
        record = null;
    }
}
