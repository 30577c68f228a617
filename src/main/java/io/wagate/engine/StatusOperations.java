package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.util.List;
import java.util.function.Consumer;

/**
 * Statuses (stories) through one session: posted to {@link ChatId#STATUS} for a list of recipients, deleted
 * (revoked) there. A posted status is a message of {@link ChatId#STATUS}, handed over and reported like a sent
 * message ({@link EngineSession#send}'s contract). Others' statuses arrive as {@link EngineEvent.MessageAdded} on
 * {@link ChatId#STATUS} (the poster as the key's participant), and only while the session's
 * {@link EngineSessionContext#statuses()} is on.
 */
public interface StatusOperations {

    /** What a status shows. */
    sealed interface Post {
        /** {@code backgroundColor}: {@code #RRGGBB}; {@code font}: WhatsApp's font number (0 to 9). */
        record Text(String text, String backgroundColor, int font) implements Post {}

        record Image(OutgoingMessage.MediaFile file, String caption) implements Post {}

        record Video(OutgoingMessage.MediaFile file, String caption) implements Post {}

        /** An OGG/Opus voice note, shown over {@code backgroundColor}. */
        record Voice(OutgoingMessage.MediaFile file, String backgroundColor) implements Post {}
    }

    /** Posts {@code post} to {@code recipients} (people, never empty); returns it as sent. */
    EngineMessage post(Post post, List<ChatId> recipients, Consumer<EngineMessage> sent);

    /** Deletes one of the session's own statuses for the {@code recipients} it was posted to. */
    void delete(MessageKey status, List<ChatId> recipients);
}
