package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;
import static io.wagate.http.Query.intParam;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.error.ApiException;
import io.wagate.http.IdempotentHandler;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.media.MediaIntake;
import io.wagate.message.MediaMessages;
import io.wagate.message.MessageService;
import io.wagate.message.PollVotes;
import java.util.List;
import java.util.Optional;

/** Sending and reading messages: parse, call the message service, answer. */
public final class MessageRoutes implements RouteGroup {
    private static final int DEFAULT_PAGE = 100;
    private static final String MESSAGE_PATH = "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}";

    private final MessageService messages;
    private final PollVotes votes;
    private final MediaMessages media;
    private final JsonBody body;
    /** Media bodies may carry base64 files, so their limit follows the largest file allowed. */
    private final JsonBody mediaBody;
    /** Sends accept an Idempotency-Key. */
    private final IdempotentHandler once;

    public MessageRoutes(MessageService messages, PollVotes votes, MediaMessages media, JsonBody body,
                         JsonBody mediaBody, IdempotentHandler once) {
        this.messages = messages;
        this.votes = votes;
        this.once = once;
        this.media = media;
        this.body = body;
        this.mediaBody = mediaBody;
    }

    record SendTextBody(String session, String chatId, String text, Boolean linkPreview,
                        Boolean linkPreviewHighQuality, List<String> mentions,
                        @JsonProperty("reply_to") String replyTo) {}

    record SendLocationBody(String session, String chatId, Double latitude, Double longitude, String title,
                            @JsonProperty("reply_to") String replyTo) {}

    record ContactBody(String fullName, String phoneNumber, String organization, String vcard) {}

    record SendContactVcardBody(String session, String chatId, List<String> contactsId, List<ContactBody> contacts,
                                @JsonProperty("reply_to") String replyTo) {}

    record PollBody(String name, List<String> options, Boolean multipleAnswers) {}

    record SendPollBody(String session, String chatId, PollBody poll, @JsonProperty("reply_to") String replyTo) {}

    record PollVoteBody(String session, String chatId, String pollMessageId, List<String> votes) {}

    record StarBody(String session, String chatId, String messageId, Boolean star) {}

    record EditBody(String text) {}

    /** {@code duration}: seconds; absent for WhatsApp's default (7 days). */
    record PinBody(Integer duration) {}

    record SendMediaBody(String session, String chatId, MediaIntake.FileInput file, String caption,
                         @JsonProperty("reply_to") String replyTo, Boolean asGif, Boolean viewOnce, Boolean convert) {}

    record ReactionBody(String session, String messageId, String reaction) {}

    record SendSeenBody(String session, String chatId, String messageId, List<String> messageIds,
                        String participant) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/sendText", once.wrap(body, this::sendText));
        routes.post("/v1/reply", once.wrap(body, this::reply));
        routes.post("/v1/sendLocation", once.wrap(body, this::sendLocation));
        routes.post("/v1/sendContactVcard", once.wrap(body, this::sendContactVcard));
        routes.post("/v1/sendPoll", once.wrap(body, this::sendPoll));
        routes.post("/v1/sendPollVote", once.wrap(body, this::sendPollVote));
        routes.post("/v1/sendImage", once.wrap(mediaBody, ctx -> sendMedia(ctx, MediaMessages.Kind.IMAGE)));
        routes.post("/v1/sendFile", once.wrap(mediaBody, ctx -> sendMedia(ctx, MediaMessages.Kind.FILE)));
        routes.post("/v1/sendVideo", once.wrap(mediaBody, ctx -> sendMedia(ctx, MediaMessages.Kind.VIDEO)));
        routes.post("/v1/sendVoice", once.wrap(mediaBody, ctx -> sendMedia(ctx, MediaMessages.Kind.VOICE)));
        routes.get("/v1/files/{session}/{messageId}", this::download);
        routes.put(MESSAGE_PATH, this::edit);
        routes.delete(MESSAGE_PATH, this::revoke);
        routes.post(MESSAGE_PATH + "/pin", ctx -> ctx.json(messages.pin(principal(ctx), ctx.pathParam("session"),
                ctx.pathParam("chatId"), ctx.pathParam("messageId"), true,
                body.readOptional(ctx, PinBody.class).map(PinBody::duration).orElse(null))));
        routes.post(MESSAGE_PATH + "/unpin", ctx -> ctx.json(messages.pin(principal(ctx), ctx.pathParam("session"),
                ctx.pathParam("chatId"), ctx.pathParam("messageId"), false, null)));
        routes.post("/v1/sendSeen", this::sendSeen);
        routes.put("/v1/star", this::star);
        routes.put("/v1/reaction", this::react);
        routes.get("/v1/messages", this::list);
    }

    private void sendText(Context ctx) {
        sendText(ctx, body.read(ctx, SendTextBody.class));
    }

    private void sendText(Context ctx, SendTextBody request) {
        created(ctx, messages.sendText(principal(ctx), new MessageService.SendText(request.session(), request.chatId(),
                request.text(), request.mentions(), request.replyTo(), Boolean.TRUE.equals(request.linkPreview()),
                Boolean.TRUE.equals(request.linkPreviewHighQuality()))));
    }

    /** Like sendText, with {@code reply_to} required. */
    private void reply(Context ctx) {
        var request = body.read(ctx, SendTextBody.class);
        if (request.replyTo() == null) {
            throw ApiException.badRequest("reply_to is required");
        }
        sendText(ctx, request);
    }

    private void sendLocation(Context ctx) {
        var request = body.read(ctx, SendLocationBody.class);
        created(ctx, messages.sendLocation(principal(ctx), new MessageService.SendLocation(request.session(),
                request.chatId(), request.latitude(), request.longitude(), request.title(), null, request.replyTo())));
    }

    private void sendContactVcard(Context ctx) {
        var request = body.read(ctx, SendContactVcardBody.class);
        var contacts = request.contacts() == null ? null : request.contacts().stream()
                .map(c -> new MessageService.Contact(c.fullName(), c.phoneNumber(), c.organization(), c.vcard()))
                .toList();
        created(ctx, messages.sendContacts(principal(ctx), new MessageService.SendContacts(request.session(),
                request.chatId(), request.contactsId(), contacts, request.replyTo())));
    }

    private void sendPoll(Context ctx) {
        var request = body.read(ctx, SendPollBody.class);
        if (request.poll() == null) {
            throw ApiException.badRequest("poll is required");
        }
        created(ctx, messages.sendPoll(principal(ctx), MessageService.SendPoll.of(request.session(), request.chatId(),
                request.poll().name(), request.poll().options(), request.poll().multipleAnswers(), request.replyTo())));
    }

    private void sendPollVote(Context ctx) {
        var request = body.read(ctx, PollVoteBody.class);
        created(ctx, votes.vote(principal(ctx), new PollVotes.Vote(request.session(), request.chatId(),
                request.pollMessageId(), request.votes())));
    }

    private void star(Context ctx) {
        var request = body.read(ctx, StarBody.class);
        ctx.json(messages.star(principal(ctx), request.session(), request.chatId(), request.messageId(),
                request.star()));
    }

    private void sendMedia(Context ctx, MediaMessages.Kind kind) {
        var request = mediaBody.read(ctx, SendMediaBody.class);
        if (request.asGif() != null && kind != MediaMessages.Kind.VIDEO) {
            throw ApiException.badRequest("asGif goes only with sendVideo");
        }
        if (request.viewOnce() != null && kind != MediaMessages.Kind.IMAGE && kind != MediaMessages.Kind.VIDEO) {
            throw ApiException.badRequest("viewOnce goes only with sendImage and sendVideo");
        }
        if (request.convert() != null && kind != MediaMessages.Kind.VOICE) {
            throw ApiException.badRequest("convert goes only with sendVoice");
        }
        created(ctx, media.send(principal(ctx), kind, new MediaMessages.SendMedia(request.session(), request.chatId(),
                request.file(), request.caption(), request.replyTo(), Boolean.TRUE.equals(request.asGif()),
                Boolean.TRUE.equals(request.viewOnce()), Boolean.TRUE.equals(request.convert()))));
    }

    private void download(Context ctx) {
        var download = messages.media(principal(ctx), ctx.pathParam("session"), ctx.pathParam("messageId"));
        String filename = download.media().filename() == null ? "file" : download.media().filename();
        ctx.contentType(download.media().mimetype())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(filename, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .result(download.file().body());
    }

    private void edit(Context ctx) {
        var request = body.read(ctx, EditBody.class);
        ctx.json(messages.edit(principal(ctx), ctx.pathParam("session"), ctx.pathParam("chatId"),
                ctx.pathParam("messageId"), request.text()));
    }

    private void revoke(Context ctx) {
        messages.revoke(principal(ctx), ctx.pathParam("session"), ctx.pathParam("chatId"), ctx.pathParam("messageId"));
        ctx.json(java.util.Map.of("success", true));
    }

    private void react(Context ctx) {
        var request = body.read(ctx, ReactionBody.class);
        ctx.json(messages.react(principal(ctx), request.session(), request.messageId(), request.reaction()));
    }

    private static void created(Context ctx, Object message) {
        ctx.status(HttpStatus.CREATED).json(message);
    }

    private void sendSeen(Context ctx) {
        var request = body.read(ctx, SendSeenBody.class);
        messages.sendSeen(principal(ctx), request.session(), request.chatId(),
                MessageService.seenIds(request.messageId(), request.messageIds()));
        ctx.status(HttpStatus.OK).json(java.util.Map.of("success", true));
    }

    private void list(Context ctx) {
        ctx.json(messages.list(principal(ctx), ctx.queryParam("session"),
                Optional.ofNullable(ctx.queryParam("chatId")),
                intParam(ctx, "limit", DEFAULT_PAGE), intParam(ctx, "offset", 0),
                "true".equalsIgnoreCase(ctx.queryParam("downloadMedia"))));
    }
}
