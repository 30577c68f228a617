package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;
import static io.wagate.http.Query.intParam;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.chat.ChatService;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;

/** A session's chats: the overview list; archive, pin, mute, mark unread (and their undoing); disappearing messages; delete. */
public final class ChatRoutes implements RouteGroup {
    private static final String CHATS = "/v1/sessions/{session}/chats";
    private static final String CHAT = CHATS + "/{chatId}";
    private static final int DEFAULT_PAGE = 100;

    private final ChatService chats;
    private final JsonBody body;

    public ChatRoutes(ChatService chats, JsonBody body) {
        this.chats = chats;
        this.body = body;
    }

    /** {@code until}: Unix seconds; absent for always. */
    record MuteBody(Long until) {}

    /** {@code duration}: the timer in seconds, 0 for off. */
    record DisappearingBody(Integer duration) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CHATS, ctx -> ctx.json(chats.list(principal(ctx), session(ctx), new ChatService.ListQuery(
                intParam(ctx, "limit", DEFAULT_PAGE), intParam(ctx, "offset", 0), ctx.queryParam("archived"),
                ctx.queryParam("sortBy"), ctx.queryParam("sortOrder")))));
        routes.post(CHAT + "/archive", ctx -> ctx.json(chats.archive(principal(ctx), session(ctx), chatId(ctx), true)));
        routes.post(CHAT + "/unarchive", ctx -> ctx.json(chats.archive(principal(ctx), session(ctx), chatId(ctx), false)));
        routes.post(CHAT + "/pin", ctx -> ctx.json(chats.pin(principal(ctx), session(ctx), chatId(ctx), true)));
        routes.post(CHAT + "/unpin", ctx -> ctx.json(chats.pin(principal(ctx), session(ctx), chatId(ctx), false)));
        routes.post(CHAT + "/mute", ctx -> ctx.json(chats.mute(principal(ctx), session(ctx), chatId(ctx),
                body.readOptional(ctx, MuteBody.class).map(MuteBody::until).orElse(null))));
        routes.post(CHAT + "/unmute", ctx -> ctx.json(chats.unmute(principal(ctx), session(ctx), chatId(ctx))));
        routes.post(CHAT + "/unread", ctx -> ctx.json(chats.markUnread(principal(ctx), session(ctx), chatId(ctx))));
        routes.put(CHAT + "/disappearing", ctx -> ctx.json(chats.disappearing(principal(ctx), session(ctx), chatId(ctx),
                body.read(ctx, DisappearingBody.class).duration())));
        routes.delete(CHAT, ctx -> {
            chats.delete(principal(ctx), session(ctx), chatId(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private static String chatId(Context ctx) {
        return ctx.pathParam("chatId");
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
