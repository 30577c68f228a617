package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;
import static io.wagate.http.Query.intParam;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.webhook.WebhookService;

/** A session's webhooks and their deliveries. Thin: parse, call, answer. */
public final class WebhookRoutes implements RouteGroup {
    private static final String WEBHOOKS = "/v1/sessions/{session}/webhooks";
    private static final String DELIVERIES = WEBHOOKS + "/deliveries";

    private final WebhookService webhooks;
    private final JsonBody body;

    public WebhookRoutes(WebhookService webhooks, JsonBody body) {
        this.webhooks = webhooks;
        this.body = body;
    }

    record RemoveBody(String webhookUrl) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post(WEBHOOKS, ctx -> ctx.status(HttpStatus.CREATED).json(webhooks.register(principal(ctx),
                session(ctx), body.read(ctx, WebhookService.Registration.class))));
        routes.get(WEBHOOKS, ctx -> ctx.json(webhooks.list(principal(ctx), session(ctx))));
        routes.delete(WEBHOOKS, this::remove);
        routes.get(DELIVERIES, ctx -> ctx.json(webhooks.deliveries(principal(ctx), session(ctx),
                ctx.queryParam("status"), intParam(ctx, "limit", WebhookService.DEFAULT_PAGE))));
        routes.post(DELIVERIES + "/{id}/retry", ctx -> ctx.json(webhooks.retry(principal(ctx), session(ctx),
                ctx.pathParam("id"))));
    }

    /** The URL in the body (the documented form), or in {@code ?webhookUrl=} for clients that cannot send one. */
    private void remove(Context ctx) {
        String fromQuery = ctx.queryParam("webhookUrl");
        var fromBody = body.readOptional(ctx, RemoveBody.class).map(RemoveBody::webhookUrl);
        if (fromQuery != null && fromBody.isPresent() && !fromQuery.equals(fromBody.get())) {
            throw ApiException.badRequest("webhookUrl is given twice, differently, in the body and the query");
        }
        webhooks.remove(principal(ctx), session(ctx), fromBody.orElse(fromQuery));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
