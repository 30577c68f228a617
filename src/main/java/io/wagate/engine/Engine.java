package io.wagate.engine;

/** A way to reach WhatsApp (or the sandbox's imitation of it). One instance serves many sessions. */
public interface Engine extends AutoCloseable {
    String name();

    /** Prepares a session; nothing happens until {@link EngineSession#start()}. */
    EngineSession open(EngineSessionContext context);

    /**
     * @param whatsappVersion the WhatsApp client version sessions connect with and where it came from
     *     (pinned, fetched, cached, compiled); null where the engine has none or does not know it yet
     */
    record Health(boolean up, String detail, ClientVersion whatsappVersion) {
        public Health(boolean up, String detail) {
            this(up, detail, null);
        }
    }

    record ClientVersion(String version, String source) {}

    Health health();

    @Override
    void close();
}
