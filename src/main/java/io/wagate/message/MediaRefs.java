package io.wagate.message;

import io.wagate.store.WriteQueue;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The message_media_refs table: for media an engine did not download as it arrived, the engine's
 * reference to fetch it later (see {@link io.wagate.engine.EngineMessage.Media}). Written through the
 * {@link WriteQueue} like the messages they belong to.
 */
public final class MediaRefs {
    private final Jdbi jdbi;
    private final WriteQueue writes;

    public MediaRefs(Jdbi jdbi, WriteQueue writes) {
        this.jdbi = jdbi;
        this.writes = writes;
    }

    /** Keeps a message's reference; a second report of the message changes nothing. */
    public void keep(String sessionId, String messageId, String ref) {
        writes.submit(h -> h.createUpdate("""
                        INSERT INTO message_media_refs (session_id, message_id, engine_ref) VALUES (:s, :m, :ref)
                        ON CONFLICT (session_id, message_id) DO NOTHING""")
                .bind("s", sessionId).bind("m", messageId).bind("ref", ref).execute());
    }

    /** The engine fetched the media from elsewhere (e.g. re-uploaded): the next fetch starts there. */
    public void replace(String sessionId, String messageId, String ref) {
        writes.submit(h -> h.createUpdate("""
                        UPDATE message_media_refs SET engine_ref = :ref WHERE session_id = :s AND message_id = :m""")
                .bind("s", sessionId).bind("m", messageId).bind("ref", ref).execute());
    }

    public Optional<String> find(String sessionId, String messageId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT engine_ref FROM message_media_refs WHERE session_id = :s AND message_id = :m")
                .bind("s", sessionId).bind("m", messageId).mapTo(String.class).findOne());
    }
}
