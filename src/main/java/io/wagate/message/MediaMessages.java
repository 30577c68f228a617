package io.wagate.message;

import io.wagate.account.Principal;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.OutgoingMessage;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.error.ErrorKind;
import io.wagate.ids.ChatId;
import io.wagate.media.IncomingMedia;
import io.wagate.media.MediaConverter;
import io.wagate.media.MediaIntake;
import io.wagate.media.MediaKind;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.Optional;

/**
 * Images, documents, videos, audio and voice notes: the file is received (downloaded, decoded or
 * streamed in; sniffed, size-checked), converted where WhatsApp needs a format, sent, and its temp
 * copies removed whatever happened.
 */
public final class MediaMessages {
    /** What goes out: VOICE is a push-to-talk note (OGG/Opus), AUDIO an audio file played as it is. */
    public enum Kind { IMAGE, FILE, VIDEO, VOICE, AUDIO }

    public record SendMedia(String session, String chatId, MediaIntake.FileInput file, String caption,
                            String replyTo, boolean asGif, boolean viewOnce, boolean convert) {}

    /**
     * What comes with a file: {@code caption} (images, videos, documents), {@code replyTo} (a
     * serialized message id or null), {@code asGif} and {@code viewOnce} (videos; images too for
     * view-once), {@code convert} (voice notes that are not OGG/Opus yet).
     */
    public record Options(String caption, String replyTo, boolean asGif, boolean viewOnce, boolean convert) {}

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

    /** The v1 API's send: the file is named by URL or carried as base64. */
    public Message send(Principal principal, Kind kind, SendMedia request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId chatId = ChatId.parse(request.chatId(), "chatId");
        if (request.file() == null) {
            throw ApiException.badRequest("file is required: {url} or {data} (base64)");
        }
        Fields.limited(request.caption(), "caption", MessageService.MAX_TEXT_LENGTH);
        var replyTo = messages.replyTo(session, request.replyTo());
        sessions.requireWorking(session);
        var options = new Options(request.caption(), request.replyTo(), request.asGif(), request.viewOnce(),
                request.convert());
        try (var received = intake.receive(request.file(), intakeKind(kind, request.asGif()), principal.admin())) {
            return send(session, kind, chatId, received, replyTo, options);
        }
    }

    /**
     * Sends a file received already (a multipart part that {@link MediaIntake#fromStream} took in)
     * to {@code chatId} from the named session. The file is this call's: it is deleted whatever happens.
     */
    public Message sendReceived(Principal principal, String sessionName, Kind kind, String chatId,
                                IncomingMedia received, Options options) {
        try (received) {
            var session = sessions.get(principal, sessionName);
            ChatId chat = ChatId.parse(chatId, "chatId");
            return send(session, kind, chat, received, messages.replyTo(session, options.replyTo()), options);
        }
    }

    /**
     * Takes {@code file} in as {@code kind} (converted as a send would: voice notes to OGG/Opus when
     * {@code convert}, videos to MP4) and hands it to {@code use}; the temp copies are removed afterwards.
     */
    public <T> T withFile(Principal principal, Kind kind, MediaIntake.FileInput file, boolean convert,
                          java.util.function.Function<OutgoingMessage.MediaFile, T> use) {
        if (file == null) {
            throw ApiException.badRequest("file is required: {url} or {data} (base64)");
        }
        try (var received = intake.receive(file, intakeKind(kind, false), principal.admin());
             var ready = prepare(kind, new Options(null, null, false, false, convert), received)) {
            return use.apply(ready.toMediaFile());
        }
    }

    /** The kind of file the intake must accept for {@code kind}; a video that may be a GIF accepts GIFs too. */
    public static MediaKind intakeKind(Kind kind, boolean gifAllowed) {
        return switch (kind) {
            case IMAGE -> MediaKind.IMAGE;
            case FILE -> MediaKind.DOCUMENT;
            case VIDEO -> gifAllowed ? MediaKind.VIDEO_OR_GIF : MediaKind.VIDEO;
            case VOICE, AUDIO -> MediaKind.AUDIO;
        };
    }

    private Message send(Session session, Kind kind, ChatId chatId, IncomingMedia received,
                         Optional<EngineMessage.Quoted> replyTo, Options options) {
        // ready is received itself when nothing needed converting; closing it twice is harmless.
        try (var ready = prepare(kind, options, received)) {
            var file = ready.toMediaFile();
            OutgoingMessage outgoing = switch (kind) {
                case IMAGE -> new OutgoingMessage.Image(chatId, file, options.caption(), replyTo, options.viewOnce());
                case FILE -> new OutgoingMessage.Document(chatId, file, options.caption(), replyTo);
                case VIDEO -> new OutgoingMessage.Video(chatId, file, options.caption(), replyTo, options.asGif(),
                        options.viewOnce());
                case VOICE -> new OutgoingMessage.Audio(chatId, file, replyTo, true);
                case AUDIO -> new OutgoingMessage.Audio(chatId, file, replyTo, false);
            };
            return messages.send(session, outgoing);
        }
    }

    /** What WhatsApp plays: voice notes as OGG/Opus, videos (and GIFs) as MP4. */
    private IncomingMedia prepare(Kind kind, Options options, IncomingMedia received) {
        if (kind == Kind.VOICE && !converter.isOggOpus(received.path())) {
            if (!options.convert()) {
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
}
