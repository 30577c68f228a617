package io.wagate.message;

import io.wagate.account.Principal;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.EngineException;
import io.wagate.engine.OutgoingMessage;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.media.TempFiles;
import io.wagate.session.SessionService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Forwarding a stored message of a session to another chat, as WhatsApp's "Forward": the content as it is, marked
 * forwarded, without its reply context. What WhatsApp does not forward is refused: view-once media (403) and deleted
 * messages (409). An engine that forwards the original itself (Baileys: its media stays where WhatsApp has it) never
 * asks for the copy made here of the stored message, with its media file from the media store.
 */
public final class MessageForwards {
    public record ForwardMessage(String session, String chatId, String messageId) {}

    private final MessageService messages;
    private final MessageStore store;
    private final SessionService sessions;
    private final TempFiles temp;

    public MessageForwards(MessageService messages, MessageStore store, SessionService sessions, TempFiles temp) {
        this.messages = messages;
        this.store = store;
        this.sessions = sessions;
        this.temp = temp;
    }

    public Message forward(Principal principal, ForwardMessage request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId to = ChatId.parse(request.chatId(), "chatId");
        if (request.messageId() == null) {
            throw ApiException.badRequest("messageId is required");
        }
        var key = messages.existing(session, request.messageId(), "messageId");
        var original = store.find(session.id(), key.serialized()).orElseThrow();
        if (original.type().equals("revoked")) {
            throw ApiException.conflict("message '" + request.messageId()
                    + "' was deleted for everyone; there is nothing to forward");
        }
        if (original.media() != null && Boolean.TRUE.equals(original.media().viewOnce())) {
            throw ApiException.forbidden("view-once media cannot be forwarded (WhatsApp does not allow it)");
        }
        sessions.requireWorking(session);
        var files = new ArrayList<Path>();
        try {
            return messages.forward(session, to, key, () -> copy(principal, session.name(), original, to, files));
        } finally {
            files.forEach(TempFiles::deleteQuietly);
        }
    }

    /** The stored message as a new one to {@code to}; its media file is copied to a temp file listed in {@code files}. */
    private OutgoingMessage copy(Principal principal, String sessionName, Message original, ChatId to, List<Path> files) {
        String body = original.body() == null ? "" : original.body();
        return switch (original.type()) {
            case "text" -> new OutgoingMessage.Text(to, body, List.of(), Optional.empty(), original.linkPreview() != null,
                    false);
            case "location" -> new OutgoingMessage.Location(to, new EngineMessage.Location(original.location().latitude(),
                    original.location().longitude(), original.location().title(), original.location().address()),
                    Optional.empty());
            case "vcard" -> new OutgoingMessage.Contacts(to, original.vCards().stream()
                    .map(card -> new OutgoingMessage.ContactCard(body, card)).toList(), Optional.empty());
            case "poll" -> new OutgoingMessage.Poll(to, new EngineMessage.Poll(original.poll().name(),
                    original.poll().options(), original.poll().selectableCount()), false, Optional.empty());
            case "image" -> new OutgoingMessage.Image(to, file(principal, sessionName, original, files), body,
                    Optional.empty(), false);
            case "video" -> new OutgoingMessage.Video(to, file(principal, sessionName, original, files), body,
                    Optional.empty(), Boolean.TRUE.equals(original.media().gif()), false);
            case "audio", "voice" -> new OutgoingMessage.Audio(to, file(principal, sessionName, original, files),
                    Optional.empty(), original.type().equals("voice"));
            case "document" -> new OutgoingMessage.Document(to, file(principal, sessionName, original, files), body,
                    Optional.empty());
            // Stickers and kinds wagate cannot read: only an engine that forwards the original has them.
            default -> throw new EngineException(EngineException.Reason.UNSUPPORTED,
                    "this engine cannot forward " + original.type() + " messages yet (it sends a copy of the stored one)");
        };
    }

    private OutgoingMessage.MediaFile file(Principal principal, String sessionName, Message original, List<Path> files) {
        var download = messages.media(principal, sessionName, original.id());
        Path copy = temp.create(".forward");
        files.add(copy);
        try (var stored = download.file()) {
            Files.copy(stored.body(), copy, StandardCopyOption.REPLACE_EXISTING);
            return new OutgoingMessage.MediaFile(copy, download.media().mimetype(), download.media().filename(),
                    Files.size(copy));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the media of " + original.id(), e);
        }
    }
}
