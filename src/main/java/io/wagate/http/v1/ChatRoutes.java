package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;
import static io.wagate.http.Query.intParam;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.chat.ChatService;
import io.wagate.http.RouteGroup;

/** A session's chats: list, archive, unarchive. */
public final class ChatRoutes implements RouteGroup {
    private static final String CHATS = "/v1/sessions/{session}/chats";
    private static final int DEFAULT_PAGE = 100;

    private final ChatService chats;

    public ChatRoutes(ChatService chats) {
        this.chats = chats;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CHATS, ctx -> ctx.json(chats.list(principal(ctx), session(ctx), intParam(ctx, "limit", DEFAULT_PAGE),
                intParam(ctx, "offset", 0), ctx.queryParam("archived"))));
        routes.post(CHATS + "/{chatId}/archive", ctx -> archive(ctx, true));
        routes.post(CHATS + "/{chatId}/unarchive", ctx -> archive(ctx, false));
    }

    private void archive(Context ctx, boolean archived) {
        ctx.json(chats.archive(principal(ctx), session(ctx), ctx.pathParam("chatId"), archived));
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
