package io.wagate.engine;

/** What an engine is given to run one session. */
public record EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener) {}
