package io.wagate.http.simple;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.session.Session;
import io.wagate.simple.MediaEndpoint;
import io.wagate.simple.SimpleMessages;
import io.wagate.simple.SimpleRequests;
import io.wagate.simple.SimpleSessions;

/** The simple API (README "The simple API") under {@value #BASE}: the session from the key, then one call of {@link SimpleMessages}. */
public final class SimpleRoutes implements RouteGroup {
    public static final String BASE = "/api/whatsapp";

    private final SimpleMessages api;
    private final SimpleSessions sessions;
    private final JsonBody body;

    public SimpleRoutes(SimpleMessages api, SimpleSessions sessions, JsonBody body) {
        this.api = api;
        this.sessions = sessions;
        this.body = body;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(BASE + "/send/text", ctx -> ctx.json(api.text(principal(ctx), session(ctx),
                body.read(ctx, SimpleRequests.Text.class))));
        routes.post(BASE + "/send/location", ctx -> ctx.json(api.location(principal(ctx), session(ctx),
                body.read(ctx, SimpleRequests.SendLocation.class))));
        routes.post(BASE + "/send/poll", ctx -> ctx.json(api.poll(principal(ctx), session(ctx),
                body.read(ctx, SimpleRequests.Poll.class))));
        routes.post(BASE + "/message/react", ctx -> ctx.json(api.react(principal(ctx), session(ctx),
                body.read(ctx, SimpleRequests.React.class))));
        routes.post(BASE + "/message/delete", ctx -> ctx.json(api.delete(principal(ctx), session(ctx),
                body.read(ctx, SimpleRequests.Delete.class))));
        routes.get(BASE + "/get/groups", ctx -> ctx.json(api.groups(principal(ctx), session(ctx))));
        routes.post(BASE + "/send/photo", ctx -> media(ctx, MediaEndpoint.PHOTO));
        routes.post(BASE + "/send/video", ctx -> media(ctx, MediaEndpoint.VIDEO));
        routes.post(BASE + "/send/audio", ctx -> media(ctx, MediaEndpoint.AUDIO));
        routes.post(BASE + "/send/file", ctx -> media(ctx, MediaEndpoint.FILE));
    }

    private Session session(Context ctx) {
        return sessions.working(principal(ctx), ctx.queryParam("session"));
    }

    /** The session is checked before a byte of the upload is read. */
    private void media(Context ctx, MediaEndpoint endpoint) {
        var session = session(ctx);
        try (var parts = MultipartReader.of(ctx, endpoint.field())) {
            ctx.json(api.media(principal(ctx), session, endpoint, parts));
        }
    }
}
