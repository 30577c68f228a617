package io.wagate.engine;

/** A way to reach WhatsApp (or the sandbox's imitation of it). One instance serves many sessions. */
public interface Engine extends AutoCloseable {
    String name();

    /** Prepares a session; nothing happens until {@link EngineSession#start()}. */
    EngineSession open(EngineSessionContext context);

    record Health(boolean up, String detail) {}

    Health health();

    @Override
    void close();
}
