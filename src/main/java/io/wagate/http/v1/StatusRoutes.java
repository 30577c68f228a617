package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.status.StatusService;

/** Statuses (stories) of a session: post text, image, video or voice; delete one; list the last 24 hours'. */
public final class StatusRoutes implements RouteGroup {
    private static final String STATUS = "/v1/sessions/{session}/status";

    private final StatusService statuses;
    private final JsonBody body;

    public StatusRoutes(StatusService statuses, JsonBody body) {
        this.statuses = statuses;
        this.body = body;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(STATUS, ctx -> ctx.json(statuses.list(principal(ctx), session(ctx))));
        routes.post(STATUS + "/text", ctx -> ctx.status(HttpStatus.CREATED).json(statuses.postText(principal(ctx),
                session(ctx), body.read(ctx, StatusService.TextPost.class))));
        media(routes, "image", StatusService.Kind.IMAGE);
        media(routes, "video", StatusService.Kind.VIDEO);
        media(routes, "voice", StatusService.Kind.VOICE);
        routes.delete(STATUS + "/{id}", ctx -> {
            statuses.delete(principal(ctx), session(ctx), ctx.pathParam("id"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private void media(RoutesConfig routes, String path, StatusService.Kind kind) {
        routes.post(STATUS + "/" + path, ctx -> ctx.status(HttpStatus.CREATED).json(statuses.postMedia(principal(ctx),
                session(ctx), kind, body.read(ctx, StatusService.MediaPost.class))));
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
