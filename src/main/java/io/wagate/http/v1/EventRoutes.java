package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import io.wagate.http.IdempotentHandler;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.message.EventMessages;

/** Event messages (WhatsApp's calendar invitations): send one, respond to one. */
public final class EventRoutes implements RouteGroup {
    private final EventMessages events;
    private final JsonBody body;
    private final IdempotentHandler once;

    public EventRoutes(EventMessages events, JsonBody body, IdempotentHandler once) {
        this.events = events;
        this.body = body;
        this.once = once;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/sendEvent", once.wrap(body, ctx -> ctx.status(HttpStatus.CREATED).json(
                events.send(principal(ctx), body.read(ctx, EventMessages.SendEvent.class)))));
        routes.post("/v1/respondEvent", ctx -> ctx.status(HttpStatus.CREATED).json(
                events.respond(principal(ctx), body.read(ctx, EventMessages.RespondEvent.class))));
    }
}
