package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.contact.ContactService;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.ids.ChatId;
import io.wagate.presence.PresenceService;
import io.wagate.session.SessionService;
import java.util.Map;

/** Presence, typing indicators and the contact check. */
public final class PresenceRoutes implements RouteGroup {
    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    private final PresenceService presence;
    private final ContactService contacts;
    private final JsonBody body;

    public PresenceRoutes(PresenceService presence, ContactService contacts, JsonBody body) {
        this.presence = presence;
        this.contacts = contacts;
        this.body = body;
    }

    record PresenceBody(String presence, String chatId) {}

    record TypingBody(String session, String chatId) {}

    record Existence(boolean numberExists, ChatId chatId) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/sessions/{session}/presence", ctx -> {
            var request = body.read(ctx, PresenceBody.class);
            presence.set(principal(ctx), ctx.pathParam("session"), request.presence(), request.chatId());
            ctx.json(SUCCESS);
        });
        routes.get("/v1/sessions/{session}/presence", ctx -> ctx.json(presence.all(principal(ctx), ctx.pathParam("session"))));
        routes.get("/v1/sessions/{session}/presence/{chatId}", ctx -> ctx.json(
                presence.of(principal(ctx), ctx.pathParam("session"), ctx.pathParam("chatId"))));
        routes.post("/v1/sessions/{session}/presence/{chatId}/subscribe", ctx -> {
            presence.subscribe(principal(ctx), ctx.pathParam("session"), ctx.pathParam("chatId"));
            ctx.json(SUCCESS);
        });
        routes.post("/v1/startTyping", ctx -> typing(ctx, "typing"));
        routes.post("/v1/stopTyping", ctx -> typing(ctx, "paused"));
        routes.get("/v1/sessions/{session}/lids/pn/{phone}", ctx -> ctx.json(contacts.lidOfPhone(principal(ctx),
                ctx.pathParam("session"), ctx.pathParam("phone"))));
        routes.get("/v1/sessions/{session}/lids/{lid}", ctx -> ctx.json(contacts.phoneOfLid(principal(ctx),
                ctx.pathParam("session"), ctx.pathParam("lid"))));
        routes.get("/v1/contacts/check-exists", ctx -> {
            var existence = contacts.checkExists(principal(ctx), ctx.queryParam("session"), ctx.queryParam("phone"));
            ctx.json(new Existence(existence.exists(), existence.chatId()));
        });
    }

    private void typing(Context ctx, String state) {
        var request = body.read(ctx, TypingBody.class);
        presence.set(principal(ctx), SessionService.nameOrDefault(request.session()), state, request.chatId() == null ? "" : request.chatId());
        ctx.json(SUCCESS);
    }
}
