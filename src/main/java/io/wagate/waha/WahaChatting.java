package io.wagate.waha;

import static io.wagate.http.Auth.principal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.contact.ContactService;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.ids.ChatId;
import io.wagate.ids.ChatIds;
import io.wagate.media.MediaIntake;
import io.wagate.message.MediaMessages;
import io.wagate.message.Message;
import io.wagate.message.MessageService;
import io.wagate.message.PollVotes;
import io.wagate.presence.PresenceService;
import io.wagate.session.SessionService;
import java.util.List;

/**
 * WAHA's Chatting operations on the shared message, presence and contact services: WAHA's request bodies in,
 * WAHA's WAMessage out. Sends here take no Idempotency-Key (WAHA has none); WAHA's pre-generated ids ({@code id})
 * are refused with 501, wagate picks a message's id itself.
 */
public final class WahaChatting implements RouteGroup {
    private static final String BASE = WahaDoor.PATH;

    private final MessageService messages;
    private final PollVotes votes;
    private final MediaMessages media;
    private final PresenceService presence;
    private final ContactService contacts;
    private final JsonBody body;
    private final JsonBody mediaBody;
    private final WahaMessageList list;

    public WahaChatting(MessageService messages, PollVotes votes, MediaMessages media, PresenceService presence,
                        ContactService contacts, JsonBody body, JsonBody mediaBody) {
        this.messages = messages;
        this.votes = votes;
        this.media = media;
        this.presence = presence;
        this.contacts = contacts;
        this.body = body;
        this.mediaBody = mediaBody;
        this.list = new WahaMessageList(messages);
    }

    /** MessageTextRequest and the deprecated MessageReplyRequest; {@code linkPreview} defaults to true, as WAHA's. */
    record TextRequest(String session, String chatId, String id, String text, Boolean linkPreview,
                       Boolean linkPreviewHighQuality, @JsonProperty("reply_to") String replyTo) {}

    record MediaRequest(String session, String chatId, MediaIntake.FileInput file, String caption,
                        @JsonProperty("reply_to") String replyTo, Boolean convert, Boolean asNote) {}

    record LocationRequest(String session, String chatId, String id, Double latitude, Double longitude, String title,
                           @JsonProperty("reply_to") String replyTo) {}

    /** VCardContact ({@code vcard} only) or Contact; {@code whatsappId} is not used: the vCard's waid comes from
     * {@code phoneNumber}. */
    record ContactRequest(String fullName, String organization, String phoneNumber, String whatsappId, String vcard) {}

    record ContactVcardRequest(String session, String chatId, String id, List<ContactRequest> contacts,
                               @JsonProperty("reply_to") String replyTo) {}

    record Poll(String name, List<String> options, Boolean multipleAnswers) {}

    record PollRequest(String session, String chatId, String id, Poll poll, @JsonProperty("reply_to") String replyTo) {}

    record PollVoteRequest(String session, String chatId, String pollMessageId, Long pollServerId,
                           List<String> votes) {}

    record SeenRequest(String session, String chatId, String messageId, List<String> messageIds,
                       String participant) {}

    record ChatRequest(String session, String chatId) {}

    record ReactionRequest(String session, String messageId, String reaction) {}

    record StarRequest(String session, String messageId, String chatId, Boolean star) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NumberExists(ChatId chatId, boolean numberExists) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post(BASE + "/sendText", ctx -> created(ctx, sendText(ctx, body.read(ctx, TextRequest.class), false)));
        routes.post(BASE + "/reply", ctx -> created(ctx, sendText(ctx, body.read(ctx, TextRequest.class), true)));
        // The deprecated GET answers 200, as WAHA's.
        routes.get(BASE + "/sendText", ctx -> ctx.json(WahaMessage.of(sendText(ctx, new TextRequest(
                ctx.queryParam("session"), ChatId.ofPhone(ChatIds.phoneDigits(ctx.queryParam("phone"), "phone")).value(),
                null, ctx.queryParam("text"), null, null, null), false))));
        routes.post(BASE + "/sendImage", ctx -> sendMedia(ctx, MediaMessages.Kind.IMAGE));
        routes.post(BASE + "/sendFile", ctx -> sendMedia(ctx, MediaMessages.Kind.FILE));
        routes.post(BASE + "/sendVoice", ctx -> sendMedia(ctx, MediaMessages.Kind.VOICE));
        routes.post(BASE + "/sendVideo", ctx -> sendMedia(ctx, MediaMessages.Kind.VIDEO));
        routes.post(BASE + "/sendLocation", this::sendLocation);
        routes.post(BASE + "/sendContactVcard", this::sendContactVcard);
        routes.post(BASE + "/sendPoll", this::sendPoll);
        routes.post(BASE + "/sendPollVote", this::sendPollVote);
        routes.post(BASE + "/sendSeen", this::sendSeen);
        routes.post(BASE + "/startTyping", ctx -> typing(ctx, "typing"));
        routes.post(BASE + "/stopTyping", ctx -> typing(ctx, "paused"));
        routes.put(BASE + "/reaction", ctx -> {
            var request = body.read(ctx, ReactionRequest.class);
            ctx.json(WahaMessage.of(messages.react(principal(ctx), request.session(), request.messageId(),
                    request.reaction())));
        });
        routes.put(BASE + "/star", ctx -> {
            var request = body.read(ctx, StarRequest.class);
            ctx.json(WahaMessage.of(messages.star(principal(ctx), request.session(), request.chatId(),
                    request.messageId(), request.star())));
        });
        routes.get(BASE + "/messages", ctx -> list.answer(ctx, ctx.queryParam("session"), required(ctx, "chatId")));
        routes.get(BASE + "/checkNumberStatus", ctx -> {
            var existence = contacts.checkExists(principal(ctx), ctx.queryParam("session"), required(ctx, "phone"));
            ctx.json(new NumberExists(existence.exists() ? existence.chatId() : null, existence.exists()));
        });
    }

    private Message sendText(Context ctx, TextRequest request, boolean reply) {
        noPregeneratedId(request.id());
        if (reply && request.replyTo() == null) {
            throw ApiException.badRequest("reply_to is required");
        }
        return messages.sendText(principal(ctx), new MessageService.SendText(request.session(), request.chatId(),
                request.text(), null, request.replyTo(), request.linkPreview() == null || request.linkPreview(),
                Boolean.TRUE.equals(request.linkPreviewHighQuality())));
    }

    /** {@code convert} is honoured for voice notes; a video is sent as given (WAHA's convert has no effect). */
    private void sendMedia(Context ctx, MediaMessages.Kind kind) {
        var request = mediaBody.read(ctx, MediaRequest.class);
        if (Boolean.TRUE.equals(request.asNote())) {
            throw ApiException.notImplemented("video notes (asNote): wagate sends a video as a plain video");
        }
        if (request.asNote() != null && kind != MediaMessages.Kind.VIDEO) {
            throw ApiException.badRequest("asNote goes only with sendVideo");
        }
        if (request.convert() != null && kind != MediaMessages.Kind.VOICE && kind != MediaMessages.Kind.VIDEO) {
            throw ApiException.badRequest("convert goes only with sendVoice and sendVideo");
        }
        boolean convert = kind == MediaMessages.Kind.VOICE && Boolean.TRUE.equals(request.convert());
        created(ctx, media.send(principal(ctx), kind, new MediaMessages.SendMedia(request.session(), request.chatId(),
                request.file(), request.caption(), request.replyTo(), false, false, convert)));
    }

    private void sendLocation(Context ctx) {
        var request = body.read(ctx, LocationRequest.class);
        noPregeneratedId(request.id());
        created(ctx, messages.sendLocation(principal(ctx), new MessageService.SendLocation(request.session(),
                request.chatId(), request.latitude(), request.longitude(), request.title(), null, request.replyTo())));
    }

    private void sendContactVcard(Context ctx) {
        var request = body.read(ctx, ContactVcardRequest.class);
        noPregeneratedId(request.id());
        var contacts = request.contacts() == null ? null : request.contacts().stream()
                .map(c -> new MessageService.Contact(c.fullName(), c.phoneNumber(), c.organization(), c.vcard()))
                .toList();
        created(ctx, messages.sendContacts(principal(ctx), new MessageService.SendContacts(request.session(),
                request.chatId(), null, contacts, request.replyTo())));
    }

    private void sendPoll(Context ctx) {
        var request = body.read(ctx, PollRequest.class);
        noPregeneratedId(request.id());
        if (request.poll() == null) {
            throw ApiException.badRequest("poll is required");
        }
        created(ctx, messages.sendPoll(principal(ctx), MessageService.SendPoll.of(request.session(), request.chatId(),
                request.poll().name(), request.poll().options(), request.poll().multipleAnswers(), request.replyTo())));
    }

    private void sendPollVote(Context ctx) {
        var request = body.read(ctx, PollVoteRequest.class);
        if (request.pollServerId() != null) {
            throw ApiException.notImplemented("voting in a channel's poll (pollServerId)");
        }
        created(ctx, votes.vote(principal(ctx), new PollVotes.Vote(request.session(), request.chatId(),
                request.pollMessageId(), request.votes())));
    }

    /** {@code participant} (WAHA's NOWEB hint) is not needed: the message ids name their sender. */
    private void sendSeen(Context ctx) {
        var request = body.read(ctx, SeenRequest.class);
        messages.sendSeen(principal(ctx), request.session(), request.chatId(),
                MessageService.seenIds(request.messageId(), request.messageIds()));
        ctx.status(HttpStatus.CREATED).json(WahaMessage.success());
    }

    /** WAHA answers 201 without a body. */
    private void typing(Context ctx, String state) {
        var request = body.read(ctx, ChatRequest.class);
        presence.set(principal(ctx), SessionService.nameOrDefault(request.session()), state,
                ChatId.parse(request.chatId(), "chatId").value());
        ctx.status(HttpStatus.CREATED);
    }

    private static void noPregeneratedId(String id) {
        if (id != null) {
            throw ApiException.notImplemented("pre-generated message ids (id): wagate picks a message's id itself");
        }
    }

    static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is required");
        }
        return value;
    }

    private static void created(Context ctx, Message message) {
        ctx.status(HttpStatus.CREATED).json(WahaMessage.of(message));
    }
}
