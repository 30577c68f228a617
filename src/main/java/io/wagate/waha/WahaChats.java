package io.wagate.waha;

import static io.wagate.http.Auth.principal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.chat.Chat;
import io.wagate.chat.ChatService;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.Query;
import io.wagate.http.RouteGroup;
import io.wagate.message.MessageService;
import java.util.List;
import java.util.Map;

/**
 * WAHA's Chats operations on the shared chat and message services. A chat is answered in wagate's chat shape
 * (WAHA documents none for its list); the overview in WAHA's ChatSummary, whose {@code lastMessage} is a WAMessage,
 * or {@code {}} for a chat without messages ({@code lastMessage} is a required object in WAHA's schema).
 */
public final class WahaChats implements RouteGroup {
    private static final String CHATS = WahaDoor.PATH + "/{session}/chats";
    private static final String CHAT = CHATS + "/{chatId}";
    private static final String MESSAGE = CHAT + "/messages/{messageId}";
    private static final int DEFAULT_PAGE = 100;
    private static final int DEFAULT_OVERVIEW = 20;

    private final ChatService chats;
    private final MessageService messages;
    private final JsonBody body;
    private final WahaMessageList list;

    public WahaChats(ChatService chats, MessageService messages, JsonBody body) {
        this.chats = chats;
        this.messages = messages;
        this.body = body;
        this.list = new WahaMessageList(messages);
    }

    record ChatSummary(String id, String name, String picture, Object lastMessage, @JsonProperty("_chat") Chat chat) {
        static ChatSummary of(Chat chat) {
            return new ChatSummary(chat.id(), chat.name(), chat.picture(),
                    chat.lastMessage() == null ? Map.of() : WahaMessage.of(chat.lastMessage()), chat);
        }
    }

    /** {@code merge} has no effect: a contact's chat is stored under one id. */
    record Pagination(Boolean merge, Integer limit, Integer offset) {}

    record OverviewFilter(List<String> ids) {}

    record OverviewRequest(Pagination pagination, OverviewFilter filter) {}

    /** {@code linkPreview} settings of WAHA's edit have no effect: an edited text keeps the message's preview. */
    record EditRequest(String text, Boolean linkPreview, Boolean linkPreviewHighQuality) {}

    record PinRequest(Integer duration) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CHATS, ctx -> ctx.json(chats.list(principal(ctx), session(ctx), new ChatService.ListQuery(
                Query.intParam(ctx, "limit", DEFAULT_PAGE), Query.intParam(ctx, "offset", 0), null,
                ctx.queryParam("sortBy"), ctx.queryParam("sortOrder")))));
        routes.get(CHATS + "/overview", ctx -> {
            noIds(ctx.queryParams("ids"));
            ctx.json(overview(ctx, Query.intParam(ctx, "limit", DEFAULT_OVERVIEW), Query.intParam(ctx, "offset", 0)));
        });
        routes.post(CHATS + "/overview", ctx -> {
            var request = body.read(ctx, OverviewRequest.class);
            if (request.pagination() == null) {
                throw ApiException.badRequest("pagination is required");
            }
            noIds(request.filter() == null || request.filter().ids() == null ? List.of() : request.filter().ids());
            var page = request.pagination();
            ctx.status(HttpStatus.CREATED).json(overview(ctx, page.limit() == null ? DEFAULT_OVERVIEW : page.limit(),
                    page.offset() == null ? 0 : page.offset()));
        });
        routes.delete(CHAT, ctx -> chats.delete(principal(ctx), session(ctx), chatId(ctx)));
        routes.post(CHAT + "/archive", ctx -> created(ctx, chats.archive(principal(ctx), session(ctx), chatId(ctx), true)));
        routes.post(CHAT + "/unarchive", ctx -> created(ctx, chats.archive(principal(ctx), session(ctx), chatId(ctx), false)));
        routes.post(CHAT + "/unread", ctx -> created(ctx, chats.markUnread(principal(ctx), session(ctx), chatId(ctx))));
        routes.get(CHAT + "/messages", ctx -> list.answer(ctx, session(ctx), chatId(ctx)));
        routes.post(CHAT + "/messages/read", this::read);
        routes.get(MESSAGE, ctx -> ctx.json(WahaMessage.of(messages.get(principal(ctx), session(ctx), chatId(ctx),
                messageId(ctx)))));
        routes.put(MESSAGE, ctx -> ctx.json(WahaMessage.of(messages.edit(principal(ctx), session(ctx), chatId(ctx),
                messageId(ctx), body.read(ctx, EditRequest.class).text()))));
        routes.delete(MESSAGE, ctx -> {
            messages.revoke(principal(ctx), session(ctx), chatId(ctx), messageId(ctx));
            ctx.json(WahaMessage.success());
        });
        routes.post(MESSAGE + "/pin", ctx -> {
            var request = body.read(ctx, PinRequest.class);
            if (request.duration() == null) {
                throw ApiException.badRequest("duration is required (86400, 604800 or 2592000 seconds)");
            }
            created(ctx, messages.pin(principal(ctx), session(ctx), chatId(ctx), messageId(ctx), true,
                    request.duration()));
        });
        routes.post(MESSAGE + "/unpin", ctx -> created(ctx, messages.pin(principal(ctx), session(ctx), chatId(ctx),
                messageId(ctx), false, null)));
    }

    private List<ChatSummary> overview(Context ctx, int limit, int offset) {
        return chats.list(principal(ctx), session(ctx), new ChatService.ListQuery(limit, offset, null, null, null))
                .stream().map(ChatSummary::of).toList();
    }

    /**
     * Marks everything unread in the chat read. WAHA's {@code messages} and {@code days} bounds are not applied,
     * and the ids read are not reported ({@code ids} is optional in WAHA's answer).
     */
    private void read(Context ctx) {
        messages.sendSeen(principal(ctx), session(ctx), chatId(ctx), List.of());
        ctx.status(HttpStatus.CREATED).json(Map.of());
    }

    private static void noIds(List<String> ids) {
        if (!ids.isEmpty()) {
            throw ApiException.notImplemented("the chat overview filtered by ids: wagate pages every chat");
        }
    }

    private static void created(Context ctx, Object answer) {
        ctx.status(HttpStatus.CREATED).json(answer);
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }

    private static String chatId(Context ctx) {
        return ctx.pathParam("chatId");
    }

    private static String messageId(Context ctx) {
        return ctx.pathParam("messageId");
    }
}
