package io.wagate.message;

import io.wagate.account.Principal;
import io.wagate.engine.OutgoingMessage;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.ids.ChatIds;
import io.wagate.media.IncomingMedia;
import io.wagate.media.MediaConverter;
import io.wagate.media.MediaIntake;
import io.wagate.media.MediaKind;
import io.wagate.session.SessionService;

/**
 * Images, documents, videos and voice notes: the file is received (downloaded or decoded, sniffed,
 * size-checked), converted where WhatsApp needs a format, sent, and its temp copies removed
 * whatever happened.
 */
public final class MediaMessages {
    public enum Kind { IMAGE, FILE, VIDEO, VOICE }

    public record SendMedia(String session, String chatId, MediaIntake.FileInput file, String caption,
                            String replyTo, boolean asGif, boolean viewOnce, boolean convert) {}

    private final MessageService messages;
    private final SessionService sessions;
    private final MediaIntake intake;
    private final MediaConverter converter;

    public MediaMessages(MessageService messages, SessionService sessions, MediaIntake intake,
                         MediaConverter converter) {
        this.messages = messages;
        this.sessions = sessions;
        this.intake = intake;
        this.converter = converter;
    }

    public Message send(Principal principal, Kind kind, SendMedia request) {
        var session = sessions.getOrDefault(principal, request.session());
        String chatId = ChatIds.normalize(request.chatId(), "chatId");
        if (request.file() == null) {
            throw ApiException.badRequest("file is required: {url} or {data} (base64)");
        }
        var replyTo = messages.replyTo(session, request.replyTo());
        sessions.requireWorking(session);
        // ready is received itself when nothing needed converting; closing it twice is harmless.
        try (var received = intake.receive(request.file(), mediaKind(kind, request.asGif()), principal.admin());
             var ready = prepare(kind, request, received)) {
            var file = ready.toMediaFile();
            OutgoingMessage outgoing = switch (kind) {
                case IMAGE -> new OutgoingMessage.Image(chatId, file, request.caption(), replyTo, request.viewOnce());
                case FILE -> new OutgoingMessage.Document(chatId, file, request.caption(), replyTo);
                case VIDEO -> new OutgoingMessage.Video(chatId, file, request.caption(), replyTo, request.asGif(),
                        request.viewOnce());
                case VOICE -> new OutgoingMessage.Audio(chatId, file, replyTo, true);
            };
            return messages.send(session, outgoing);
        }
    }

    /** What WhatsApp plays: voice notes as OGG/Opus, videos (and GIFs) as MP4. */
    private IncomingMedia prepare(Kind kind, SendMedia request, IncomingMedia received) {
        if (kind == Kind.VOICE && !converter.isOggOpus(received.path())) {
            if (!request.convert()) {
                throw new ApiException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "a voice note must be OGG/Opus, this is "
                        + received.mimetype() + "; set \"convert\": true to have it converted");
            }
            return converter.toOggOpus(received);
        }
        if (kind == Kind.VIDEO && !received.mimetype().startsWith("video/mp4")) {
            return converter.toMp4(received);
        }
        return received;
    }

    private static MediaKind mediaKind(Kind kind, boolean asGif) {
        return switch (kind) {
            case IMAGE -> MediaKind.IMAGE;
            case FILE -> MediaKind.DOCUMENT;
            case VIDEO -> asGif ? MediaKind.VIDEO_OR_GIF : MediaKind.VIDEO;
            case VOICE -> MediaKind.AUDIO;
        };
    }
}
