package io.wagate.session;

/**
 * Which sessions this process may run. A single node runs every session; a cluster node only those it
 * holds the lease of ({@code io.wagate.cluster}).
 */
public interface SessionOwnership {
    /** Whether this node may open and drive the session's engine side now. */
    boolean isLocal(String sessionId);

    /** A session was just created somewhere: find it an owner soon (on a single node it is local already). */
    void offer(String sessionId);

    SessionOwnership SINGLE_NODE = new SessionOwnership() {
        @Override
        public boolean isLocal(String sessionId) {
            return true;
        }

        @Override
        public void offer(String sessionId) {
        }
    };
}
