package io.wagate.session;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Checked inside the transaction of every write only a session's owner may make (its status, its engine's
 * auth state): in a cluster, a node whose lease was taken over must not write with its old generation.
 */
@FunctionalInterface
public interface OwnerFence {
    /** A single node owns every session: nothing to check, and the writes keep their one-statement form. */
    OwnerFence NONE = (handle, sessionId) -> { };

    /** Throws {@link StaleOwnerException} when this node no longer holds the session. */
    void check(Handle handle, String sessionId);

    /** Runs an owner-only write: as it is on a single node, in one transaction behind the fence in a cluster. */
    static <X extends Exception> void write(Jdbi jdbi, OwnerFence fence, String sessionId, HandleConsumer<X> work)
            throws X {
        if (fence == NONE) {
            jdbi.useHandle(work);
            return;
        }
        jdbi.useTransaction(h -> {
            fence.check(h, sessionId);
            work.useHandle(h);
        });
    }
}
