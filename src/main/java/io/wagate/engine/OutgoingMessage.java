package io.wagate.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Everything a session can send, one record per kind. Media always travels as a file on disk. */
public sealed interface OutgoingMessage {
    String chatId();

    Optional<MessageKey> replyTo();

    record MediaFile(Path path, String mimetype, String filename, long size) {}

    record Text(String chatId, String text, List<String> mentions, Optional<MessageKey> replyTo,
                boolean linkPreview, boolean linkPreviewHighQuality) implements OutgoingMessage {}

    record Image(String chatId, MediaFile file, String caption, Optional<MessageKey> replyTo, boolean viewOnce)
            implements OutgoingMessage {}

    record Video(String chatId, MediaFile file, String caption, Optional<MessageKey> replyTo, boolean asGif,
                 boolean viewOnce) implements OutgoingMessage {}

    /** {@code voiceNote} marks a push-to-talk note, which must be OGG/Opus by the time it gets here. */
    record Audio(String chatId, MediaFile file, Optional<MessageKey> replyTo, boolean voiceNote)
            implements OutgoingMessage {}

    record Document(String chatId, MediaFile file, String caption, Optional<MessageKey> replyTo)
            implements OutgoingMessage {}

    record Location(String chatId, EngineMessage.Location location, Optional<MessageKey> replyTo)
            implements OutgoingMessage {}

    record ContactCard(String displayName, String vcard) {}

    record Contacts(String chatId, List<ContactCard> contacts, Optional<MessageKey> replyTo)
            implements OutgoingMessage {}

    record Poll(String chatId, EngineMessage.Poll poll, boolean announcementGroup, Optional<MessageKey> replyTo)
            implements OutgoingMessage {}

    record PollVote(String chatId, MessageKey pollMessage, List<String> selectedOptions) implements OutgoingMessage {
        @Override
        public Optional<MessageKey> replyTo() {
            return Optional.empty();
        }
    }
}
