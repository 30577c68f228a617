package io.wagate.cluster;

/** What a cluster node does with its own engine sides when it takes a session or loses it. */
public interface LocalSessions {
    /** Opens the session here and starts it if it is meant to run: this node holds its lease now. */
    void takeUp(String sessionId);

    /** Disconnects the session here without writing anything: another node runs it now, or will. */
    void release(String sessionId);
}
