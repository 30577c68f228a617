package io.wagate.waha;

import static io.wagate.http.Auth.principal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.call.CallService;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.presence.PresenceService;
import java.util.List;

/** WAHA's Presence and Calls operations on the shared presence and call services. */
public final class WahaPresence implements RouteGroup {
    private static final String SESSION = WahaDoor.PATH + "/{session}";

    private final PresenceService presence;
    private final CallService calls;
    private final JsonBody body;

    public WahaPresence(PresenceService presence, CallService calls, JsonBody body) {
        this.presence = presence;
        this.calls = calls;
        this.body = body;
    }

    record SessionPresence(String chatId, String presence) {}

    record RejectCall(String from, String id) {}

    /** WAHA's WAHAPresenceData: {@code lastSeen} is left out where unknown (a number in WAHA's schema). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PresenceData(String participant, Long lastSeen, String lastKnownPresence) {}

    record ChatPresences(String id, List<PresenceData> presences) {
        static ChatPresences of(PresenceService.ChatPresence chat) {
            return new ChatPresences(chat.id().value(), chat.presences().stream().map(p -> new PresenceData(
                    p.participant().value(), p.lastSeen(), p.lastKnownPresence())).toList());
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(SESSION + "/presence", ctx -> {
            var request = body.read(ctx, SessionPresence.class);
            presence.set(principal(ctx), session(ctx), request.presence(), request.chatId());
            ctx.status(HttpStatus.CREATED);
        });
        routes.get(SESSION + "/presence", ctx -> ctx.json(presence.all(principal(ctx), session(ctx)).stream()
                .map(ChatPresences::of).toList()));
        routes.get(SESSION + "/presence/{chatId}", ctx -> ctx.json(ChatPresences.of(
                presence.of(principal(ctx), session(ctx), ctx.pathParam("chatId")))));
        routes.post(SESSION + "/presence/{chatId}/subscribe", ctx -> {
            presence.subscribe(principal(ctx), session(ctx), ctx.pathParam("chatId"));
            ctx.status(HttpStatus.CREATED);
        });
        routes.post(SESSION + "/calls/reject", ctx -> {
            var request = body.read(ctx, RejectCall.class);
            if (request.id() == null || request.id().isBlank()) {
                throw ApiException.badRequest("id is required (the call's id)");
            }
            calls.reject(principal(ctx), session(ctx), request.id(), request.from());
            ctx.status(HttpStatus.CREATED);
        });
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
