package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.MessageKey;

/**
 * What the network tells the session holding a number, wherever it runs: a sandbox session of this process, or
 * (cluster mode) one on another node, reached through {@link SandboxRemote}.
 */
interface SandboxPeer {
    /** The recipient's side reached a new ack for one of this session's messages. */
    void acknowledge(MessageKey key, Ack ack);

    /** One of this session's messages waits for a recipient whose session is not WORKING. */
    void waiting(MessageKey key);

    /** A change the network relays: an edit, a revoke, a reaction, someone's presence, a group's news. */
    void applyChange(EngineEvent change);
}
