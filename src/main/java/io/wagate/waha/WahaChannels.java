package io.wagate.waha;

import static io.wagate.http.Auth.principal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.channel.Channel;
import io.wagate.channel.ChannelService;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.Query;
import io.wagate.http.RouteGroup;
import io.wagate.ids.ChatId;
import java.util.Map;

/**
 * WAHA's Channels operations on the shared channel service. WAHA's Channel requires {@code invite} and
 * {@code verified}: a channel without a known invite link answers {@code ""}, and {@code verified} is false
 * (wagate does not learn WhatsApp's verification mark). A preview's reactions and view count are not known here:
 * {@code {}} and 0.
 */
public final class WahaChannels implements RouteGroup {
    private static final String CHANNELS = WahaDoor.PATH + "/{session}/channels";
    private static final String CHANNEL = CHANNELS + "/{id}";
    private static final int DEFAULT_PREVIEW = 10;

    private final ChannelService channels;
    private final JsonBody body;

    public WahaChannels(ChannelService channels, JsonBody body) {
        this.channels = channels;
        this.body = body;
    }

    /** {@code picture} is refused with 501: wagate creates a channel without one. */
    record CreateRequest(String name, String description, JsonNode picture) {}

    record WahaChannel(ChatId id, String name, String invite, String role, String description, boolean verified,
                       long subscribersCount) {
        static WahaChannel of(Channel c) {
            return new WahaChannel(c.id(), c.name(), c.invite() == null ? "" : c.invite(), c.role(),
                    c.description() == null ? "" : c.description(), false, c.subscribersCount());
        }
    }

    record ChannelMessage(Map<String, Long> reactions, WahaMessage message, long viewCount) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CHANNELS, ctx -> {
            String role = ctx.queryParam("role");
            ctx.json(channels.list(principal(ctx), session(ctx)).stream()
                    .filter(c -> role == null || role.equalsIgnoreCase(c.role())).map(WahaChannel::of).toList());
        });
        routes.post(CHANNELS, ctx -> {
            var request = body.read(ctx, CreateRequest.class);
            if (request.picture() != null && !request.picture().isNull()) {
                throw ApiException.notImplemented("a channel's picture at creation (picture)");
            }
            ctx.status(HttpStatus.CREATED).json(WahaChannel.of(channels.create(principal(ctx), session(ctx),
                    request.name(), request.description())));
        });
        routes.get(CHANNEL, ctx -> ctx.json(WahaChannel.of(channels.get(principal(ctx), session(ctx), id(ctx)))));
        routes.delete(CHANNEL, ctx -> {
            channels.delete(principal(ctx), session(ctx), id(ctx));
            ctx.json(WahaMessage.success());
        });
        routes.get(CHANNEL + "/messages/preview", ctx -> ctx.json(channels.preview(principal(ctx), session(ctx),
                id(ctx), Query.intParam(ctx, "limit", DEFAULT_PREVIEW)).stream()
                .map(m -> new ChannelMessage(Map.of(), WahaMessage.of(m), 0)).toList()));
        routes.post(CHANNEL + "/follow", ctx -> ctx.status(HttpStatus.CREATED).json(WahaChannel.of(
                channels.follow(principal(ctx), session(ctx), id(ctx)))));
        routes.post(CHANNEL + "/unfollow", ctx -> {
            channels.unfollow(principal(ctx), session(ctx), id(ctx));
            ctx.status(HttpStatus.CREATED).json(WahaMessage.success());
        });
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }

    private static ChatId id(Context ctx) {
        return ChatId.channel(ctx.pathParam("id"), "id");
    }
}
