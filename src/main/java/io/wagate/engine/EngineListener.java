package io.wagate.engine;

/** Receives a session's events in the order the engine produced them. */
@FunctionalInterface
public interface EngineListener {
    void onEvent(EngineEvent event);
}
