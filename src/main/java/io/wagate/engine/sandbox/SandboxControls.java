package io.wagate.engine.sandbox;

import io.wagate.engine.EngineEvent;

/**
 * What only a sandbox session offers: playing the other side of the network, for demos and tests.
 * Engine errors as elsewhere ({@link io.wagate.engine.EngineException}).
 */
public interface SandboxControls {
    /** {@code fromNumber} (digits, on the sandbox network) calls this session: reported as Call RECEIVED. */
    EngineEvent.Call simulateIncomingCall(String fromNumber, boolean video);

    /** The session's phone answers a ringing call: reported as Call ACCEPTED. NOT_FOUND unless it rings. */
    EngineEvent.Call acceptCall(String callId);
}
