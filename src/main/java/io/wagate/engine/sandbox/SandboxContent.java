package io.wagate.engine.sandbox;

import io.wagate.engine.Ack;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.LinkPreviews;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a sandbox message looks like once sent: the outgoing record as the stored message. */
final class SandboxContent {
    private SandboxContent() {}

    static EngineMessage compose(OutgoingMessage outgoing, MessageKey key, Instant at, ChatId from) {
        return switch (outgoing) {
            case OutgoingMessage.Text text -> message(key, at, from, text.chatId(), EngineMessage.Type.TEXT,
                    text.text(), Optional.empty(), List.of(), Optional.empty(), text.replyTo())
                    .withLinkPreview(text.linkPreview() ? linkPreview(text.text(), text.linkPreviewHighQuality())
                            : Optional.empty());
            case OutgoingMessage.Location location -> message(key, at, from, location.chatId(),
                    EngineMessage.Type.LOCATION, "", Optional.of(location.location()), List.of(), Optional.empty(),
                    location.replyTo());
            case OutgoingMessage.Contacts contacts -> message(key, at, from, contacts.chatId(),
                    EngineMessage.Type.VCARD, contacts.contacts().getFirst().displayName(), Optional.empty(),
                    contacts.contacts().stream().map(OutgoingMessage.ContactCard::vcard).toList(), Optional.empty(),
                    contacts.replyTo());
            case OutgoingMessage.Poll poll -> message(key, at, from, poll.chatId(), EngineMessage.Type.POLL,
                    poll.poll().name(), Optional.empty(), List.of(), Optional.of(poll.poll()), poll.replyTo());
            case OutgoingMessage.PollVote vote -> throw new IllegalStateException("votes go through SandboxPolls");
            case OutgoingMessage.Event event -> message(key, at, from, event.chatId(), EngineMessage.Type.EVENT,
                    event.event().name(), Optional.empty(), List.of(), Optional.empty(), event.replyTo())
                    .withEvent(Optional.of(event.event()));
            case OutgoingMessage.EventResponse response ->
                    throw new IllegalStateException("event responses go through SandboxEventResponses");
            case OutgoingMessage.Image image -> withMedia(message(key, at, from, image.chatId(),
                    EngineMessage.Type.IMAGE, caption(image.caption()), Optional.empty(), List.of(), Optional.empty(),
                    image.replyTo()), image.file(), image.viewOnce(), false);
            case OutgoingMessage.Video video -> withMedia(message(key, at, from, video.chatId(),
                    EngineMessage.Type.VIDEO, caption(video.caption()), Optional.empty(), List.of(), Optional.empty(),
                    video.replyTo()), video.file(), video.viewOnce(), video.asGif());
            case OutgoingMessage.Audio audio -> withMedia(message(key, at, from, audio.chatId(),
                    audio.voiceNote() ? EngineMessage.Type.VOICE : EngineMessage.Type.AUDIO, "", Optional.empty(),
                    List.of(), Optional.empty(), audio.replyTo()), audio.file(), false, false);
            case OutgoingMessage.Document document -> withMedia(message(key, at, from, document.chatId(),
                    EngineMessage.Type.DOCUMENT, caption(document.caption()), Optional.empty(), List.of(),
                    Optional.empty(), document.replyTo()), document.file(), false, false);
        };
    }

    /**
     * The sandbox reaches no web site, so its preview is made from the text's first http(s) link
     * alone: the link and, as the title, its host. None without a link.
     */
    static Optional<EngineMessage.LinkPreview> linkPreview(String text, boolean highQuality) {
        return LinkPreviews.firstLink(text).map(url -> new EngineMessage.LinkPreview(url.toString(),
                url.getHost().toLowerCase(Locale.ROOT), null, highQuality));
    }

    /** The outgoing file as the message carries it; the network spools it before anyone else sees it. */
    private static EngineMessage withMedia(EngineMessage message, OutgoingMessage.MediaFile file, boolean viewOnce,
                                           boolean gif) {
        return message.withMedia(Optional.of(new EngineMessage.Media(file.path(), file.mimetype(), file.filename(),
                file.size(), viewOnce, gif)));
    }

    /**
     * The media of a message as its recipient gets it: WhatsApp carries a file name for documents only, so other
     * kinds are named by the message id and the mimetype's subtype, as the Baileys engine names them.
     */
    static Optional<EngineMessage.Media> asReceived(EngineMessage sent) {
        return sent.media().map(m -> sent.type() == EngineMessage.Type.DOCUMENT ? m
                : new EngineMessage.Media(m.path(), m.mimetype(), sent.key().id() + "." + subtype(m.mimetype()), m.size(),
                        m.viewOnce(), m.gif(), m.downloadRef()));
    }

    private static String subtype(String mimetype) {
        String type = mimetype == null ? "" : mimetype.split(";", 2)[0].trim();
        int slash = type.indexOf('/');
        return slash < 0 || slash == type.length() - 1 ? "bin" : type.substring(slash + 1);
    }

    private static String caption(String caption) {
        return caption == null ? "" : caption;
    }

    private static EngineMessage message(MessageKey key, Instant at, ChatId from, ChatId to, EngineMessage.Type type,
                                         String body, Optional<EngineMessage.Location> location, List<String> vCards,
                                         Optional<EngineMessage.Poll> poll, Optional<EngineMessage.Quoted> replyTo) {
        return new EngineMessage(key, at, from, to, EngineMessage.Source.API, type, body, Optional.empty(), location,
                vCards, poll, replyTo, Ack.SERVER);
    }
}
