package io.wagate.engine;

/** A way to reach WhatsApp (or the sandbox's imitation of it). One instance serves many sessions. */
public interface Engine extends AutoCloseable {
    String name();

    /** Prepares a session; nothing happens until {@link EngineSession#start()}. */
    EngineSession open(EngineSessionContext context);

    /**
     * Whether its accounts are simulated (the sandbox): only then does a session's config decide what the account
     * is, such as {@code config.business}; a real account is what it is on WhatsApp.
     */
    default boolean simulatesAccounts() {
        return false;
    }

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
