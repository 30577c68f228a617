package io.wagate.engine;

/**
 * An optional capability of an engine session ({@link EngineSession#simulator()}): playing the other side of
 * the network, for demos and tests without a phone. Only a simulated network (the sandbox) offers it.
 * Engine errors as elsewhere ({@link EngineException}).
 */
public interface NetworkSimulator {
    /** {@code fromNumber} (digits, on the simulated network) calls this session: reported as Call RECEIVED. */
    EngineEvent.Call simulateIncomingCall(String fromNumber, boolean video);

    /** The session's phone answers a ringing call: reported as Call ACCEPTED. NOT_FOUND unless it rings. */
    EngineEvent.Call acceptCall(String callId);
}
