package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.message.MessageForwards;

/** {@code POST /v1/forwardMessage}, WAHA's route: a stored message forwarded to another chat. */
public final class ForwardRoutes implements RouteGroup {
    private final MessageForwards forwards;
    private final JsonBody body;

    public ForwardRoutes(MessageForwards forwards, JsonBody body) {
        this.forwards = forwards;
        this.body = body;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/forwardMessage", ctx -> ctx.status(HttpStatus.CREATED).json(forwards.forward(principal(ctx),
                body.read(ctx, MessageForwards.ForwardMessage.class))));
    }
}
