package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Everything a session can send, one record per kind. Media always travels as a file on disk. */
public sealed interface OutgoingMessage {
    ChatId chatId();

    /** The message quoted, with its text, which some engines need to render the quote. */
    Optional<EngineMessage.Quoted> replyTo();

    record MediaFile(Path path, String mimetype, String filename, long size) {}

    record Text(ChatId chatId, String text, List<ChatId> mentions, Optional<EngineMessage.Quoted> replyTo,
                boolean linkPreview, boolean linkPreviewHighQuality) implements OutgoingMessage {}

    record Image(ChatId chatId, MediaFile file, String caption, Optional<EngineMessage.Quoted> replyTo, boolean viewOnce)
            implements OutgoingMessage {}

    record Video(ChatId chatId, MediaFile file, String caption, Optional<EngineMessage.Quoted> replyTo, boolean asGif,
                 boolean viewOnce) implements OutgoingMessage {}

    /** {@code voiceNote} marks a push-to-talk note, which must be OGG/Opus by the time it gets here. */
    record Audio(ChatId chatId, MediaFile file, Optional<EngineMessage.Quoted> replyTo, boolean voiceNote)
            implements OutgoingMessage {}

    record Document(ChatId chatId, MediaFile file, String caption, Optional<EngineMessage.Quoted> replyTo)
            implements OutgoingMessage {}

    record Location(ChatId chatId, EngineMessage.Location location, Optional<EngineMessage.Quoted> replyTo)
            implements OutgoingMessage {}

    record ContactCard(String displayName, String vcard) {}

    record Contacts(ChatId chatId, List<ContactCard> contacts, Optional<EngineMessage.Quoted> replyTo)
            implements OutgoingMessage {}

    record Poll(ChatId chatId, EngineMessage.Poll poll, boolean announcementGroup, Optional<EngineMessage.Quoted> replyTo)
            implements OutgoingMessage {}

    record PollVote(ChatId chatId, MessageKey pollMessage, List<String> selectedOptions) implements OutgoingMessage {
        @Override
        public Optional<EngineMessage.Quoted> replyTo() {
            return Optional.empty();
        }
    }

    record Event(ChatId chatId, EngineMessage.Event event, Optional<EngineMessage.Quoted> replyTo)
            implements OutgoingMessage {}

    /** An answer to the event message {@code eventMessage} of chat {@code chatId}. */
    record EventResponse(ChatId chatId, MessageKey eventMessage, EngineMessage.EventAnswer answer)
            implements OutgoingMessage {
        @Override
        public Optional<EngineMessage.Quoted> replyTo() {
            return Optional.empty();
        }
    }
}
