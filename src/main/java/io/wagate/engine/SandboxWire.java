package io.wagate.engine;

import java.util.function.Consumer;

/**
 * Cluster mode: how the sandbox networks of the nodes reach each other. Every node hears every payload one of
 * them publishes (its own too), in the order each node published them; a payload may be lost while a node's
 * connection is down, so what must not be lost (messages) travels in the store and a payload only wakes the
 * node that holds the recipient.
 */
public interface SandboxWire {
    /** Sends {@code payload} (at most a few thousand bytes) to every node. */
    void publish(String payload);

    /** {@code receiver} hears every payload published, on a thread of the wire's. */
    void subscribe(Consumer<String> receiver);

    /** Whether some sandbox session of the cluster is linked to {@code number}, whichever node runs it. */
    boolean linked(String number);

    /** The largest payload {@link #publish} carries. */
    int maxPayload();
}
