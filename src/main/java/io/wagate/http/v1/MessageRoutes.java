package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.message.MessageService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sending and reading messages (seed 004 "Messages"): parse, call the message service, answer. */
public final class MessageRoutes implements RouteGroup {
    private static final int DEFAULT_PAGE = 100;

    private final MessageService messages;
    private final JsonBody body;

    public MessageRoutes(MessageService messages, JsonBody body) {
        this.messages = messages;
        this.body = body;
    }

    record SendTextBody(String session, String chatId, String text, Boolean linkPreview,
                        Boolean linkPreviewHighQuality, List<String> mentions,
                        @JsonProperty("reply_to") String replyTo) {}

    record SendSeenBody(String session, String chatId, String messageId, List<String> messageIds,
                        String participant) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/sendText", this::sendText);
        routes.post("/v1/sendSeen", this::sendSeen);
        routes.get("/v1/messages", this::list);
    }

    private void sendText(Context ctx) {
        var request = body.read(ctx, SendTextBody.class);
        var sent = messages.sendText(principal(ctx), new MessageService.SendText(request.session(), request.chatId(),
                request.text(), request.mentions(), request.replyTo(), Boolean.TRUE.equals(request.linkPreview()),
                Boolean.TRUE.equals(request.linkPreviewHighQuality())));
        ctx.status(HttpStatus.CREATED).json(sent);
    }

    private void sendSeen(Context ctx) {
        var request = body.read(ctx, SendSeenBody.class);
        var ids = new ArrayList<String>();
        if (request.messageId() != null) {
            ids.add(request.messageId());
        }
        if (request.messageIds() != null) {
            ids.addAll(request.messageIds());
        }
        messages.sendSeen(principal(ctx), request.session(), request.chatId(), ids);
        ctx.status(HttpStatus.OK).json(java.util.Map.of("success", true));
    }

    private void list(Context ctx) {
        ctx.json(messages.list(principal(ctx), ctx.queryParam("session"),
                Optional.ofNullable(ctx.queryParam("chatId")),
                intParam(ctx, "limit", DEFAULT_PAGE), intParam(ctx, "offset", 0)));
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }
}
