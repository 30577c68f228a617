package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.label.LabelService;
import java.util.List;

/** A business account's labels: list, create, rename and recolour, delete; a chat's labels; chats by label. */
public final class LabelRoutes implements RouteGroup {
    private static final String LABELS = "/v1/sessions/{session}/labels";
    private static final String LABEL = LABELS + "/{labelId}";

    private final LabelService labels;
    private final JsonBody body;

    public LabelRoutes(LabelService labels, JsonBody body) {
        this.labels = labels;
        this.body = body;
    }

    /** {@code labels}: label ids; the chat gets exactly these. */
    record ChatLabelsBody(List<String> labels) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(LABELS, ctx -> ctx.json(labels.list(principal(ctx), session(ctx))));
        routes.post(LABELS, ctx -> ctx.status(HttpStatus.CREATED).json(labels.create(principal(ctx), session(ctx),
                body.read(ctx, LabelService.LabelRequest.class))));
        routes.put(LABEL, ctx -> ctx.json(labels.update(principal(ctx), session(ctx), labelId(ctx),
                body.read(ctx, LabelService.LabelRequest.class))));
        routes.delete(LABEL, ctx -> {
            labels.delete(principal(ctx), session(ctx), labelId(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.get(LABEL + "/chats", ctx -> ctx.json(labels.chatsOf(principal(ctx), session(ctx), labelId(ctx))));
        routes.put("/v1/sessions/{session}/chats/{chatId}/labels", ctx -> ctx.json(labels.setChatLabels(
                principal(ctx), session(ctx), ctx.pathParam("chatId"), body.read(ctx, ChatLabelsBody.class).labels())));
    }

    private static String labelId(Context ctx) {
        return ctx.pathParam("labelId");
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
