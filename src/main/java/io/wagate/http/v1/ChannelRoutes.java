package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;
import static io.wagate.http.Query.intParam;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.channel.ChannelService;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.ids.ChatId;
import java.util.Map;

/** Channels of a session, plus follow and unfollow (a wagate extension). */
public final class ChannelRoutes implements RouteGroup {
    private static final String CHANNELS = "/v1/sessions/{session}/channels";
    private static final String CHANNEL = CHANNELS + "/{id}";
    private static final int DEFAULT_PREVIEW = 10;
    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    private final ChannelService channels;
    private final JsonBody body;

    public ChannelRoutes(ChannelService channels, JsonBody body) {
        this.channels = channels;
        this.body = body;
    }

    record CreateBody(String name, String description) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CHANNELS, ctx -> ctx.json(channels.list(principal(ctx), session(ctx))));
        routes.post(CHANNELS, ctx -> {
            var request = body.read(ctx, CreateBody.class);
            ctx.status(HttpStatus.CREATED).json(channels.create(principal(ctx), session(ctx), request.name(),
                    request.description()));
        });
        routes.get(CHANNEL, ctx -> ctx.json(channels.get(principal(ctx), session(ctx), id(ctx))));
        routes.delete(CHANNEL, ctx -> {
            channels.delete(principal(ctx), session(ctx), id(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.get(CHANNEL + "/messages/preview", ctx -> {
            int limit = intParam(ctx, "limit", DEFAULT_PREVIEW);
            ctx.json(channels.preview(principal(ctx), session(ctx), id(ctx), limit));
        });
        routes.post(CHANNEL + "/follow", ctx -> ctx.json(channels.follow(principal(ctx), session(ctx), id(ctx))));
        routes.post(CHANNEL + "/unfollow", ctx -> {
            channels.unfollow(principal(ctx), session(ctx), id(ctx));
            ctx.json(SUCCESS);
        });
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }

    private static ChatId id(Context ctx) {
        return ChatId.channel(ctx.pathParam("id"), "id");
    }
}
