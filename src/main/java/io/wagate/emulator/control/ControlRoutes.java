package io.wagate.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.emulator.fault.Fault;
import io.wagate.emulator.fault.FaultType;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** The emulator's control API: JSON over HTTP, thin handlers over {@link Control}. */
public final class ControlRoutes {
    private final Control control;
    private final ObjectMapper mapper;

    public ControlRoutes(Control control, ObjectMapper mapper) {
        this.control = control;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.post("/phones", ctx -> created(ctx, control.addPhone(newPhone(body(ctx)))));
        routes.get("/phones/{number}", ctx -> ctx.json(control.phone(ctx.pathParam("number"))));
        routes.post("/phones/{number}/scan", ctx ->
                ctx.json(control.scan(ctx.pathParam("number"), text(body(ctx), "qr"))));
        routes.post("/phones/{number}/pairing-code", ctx ->
                ctx.json(control.enterPairingCode(ctx.pathParam("number"), text(body(ctx), "code"))));
        routes.post("/phones/{number}/unlink", ctx -> ctx.json(control.unlink(ctx.pathParam("number"))));
        routes.post("/phones/{number}/timelock", ctx -> {
            var body = body(ctx);
            ctx.json(control.setTimelock(ctx.pathParam("number"), count(body, "seconds", true),
                    body.path("enforcementType").asText("DEFAULT"), flag(body, "notify", true)));
        });
        routes.post("/phones/{number}/new-chat-cap", ctx -> {
            var body = body(ctx);
            ctx.json(control.setNewChatCap(ctx.pathParam("number"), (int) count(body, "used", true),
                    (int) count(body, "total", true), body.path("status").asText("NONE"),
                    count(body, "cycleEndsInSeconds", false)));
        });
        routes.post("/faults", ctx -> created(ctx, control.addFault(fault(body(ctx)))));
        routes.delete("/faults", ctx -> {
            control.clearFaults();
            ctx.status(204);
        });
        routes.get("/stats", ctx -> ctx.json(control.stats()));
        routes.exception(ControlException.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("message", e.getMessage())));
        routes.error(404, ctx -> {
            // Javalin's own 404 is plain text; a ControlException's body is JSON already.
            if (!"application/json".equals(ctx.res().getContentType())) {
                ctx.json(Map.of("message", "no such control endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    private static void created(Context ctx, Object body) {
        ctx.status(201).json(body);
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode node = mapper.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw ControlException.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ControlException.badRequest("the body is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ControlException.badRequest("'" + field + "' (a string) is required");
        }
        return value.asText();
    }

    /** A whole number from 0 to 10^9 (absent: 0, unless required). */
    private static long count(JsonNode body, String field, boolean required) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() && !required) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 1_000_000_000L) {
            throw ControlException.badRequest("'" + field + "' (a whole number from 0) is required");
        }
        return value.asLong();
    }

    private static NewPhone newPhone(JsonNode body) {
        var chats = new java.util.ArrayList<NewPhone.PhoneChat>();
        JsonNode given = body.path("chats");
        if (!given.isMissingNode() && !given.isNull() && !given.isArray()) {
            throw ControlException.badRequest("'chats' must be an array");
        }
        for (JsonNode chat : given) {
            chats.add(new NewPhone.PhoneChat(text(chat, "id"), chat.path("name").asText(""),
                    chat.path("unreadCount").asInt(0), flag(chat, "markedAsUnread", false), flag(chat, "archived", false),
                    chat.path("pinned").asLong(0), chat.path("muteEndTime").asLong(0),
                    chat.path("conversationTimestamp").asLong(0)));
        }
        return new NewPhone(text(body, "number"), flag(body, "lidOnly", false), flag(body, "lidLookup", true),
                List.copyOf(chats));
    }

    private static boolean flag(JsonNode body, String field, boolean absent) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw ControlException.badRequest("'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    private static Fault fault(JsonNode body) {
        String name = text(body, "type");
        FaultType type = FaultType.byWireName(name).orElseThrow(() ->
                ControlException.badRequest("unknown fault type '" + name + "'"));
        Optional<String> number = body.hasNonNull("number") ? Optional.of(body.get("number").asText()) : Optional.empty();
        long ms = body.path("ms").asLong(type == FaultType.DELAY ? 1000 : 0);
        if (ms < 0) {
            throw ControlException.badRequest("'ms' must not be negative");
        }
        int code = body.path("code").asInt(type.defaultCode());
        if (body.has("code") && (!body.get("code").canConvertToInt() || code < 100 || code > 999)) {
            throw ControlException.badRequest("'code' must be an error code from 100 to 999");
        }
        return new Fault(type, number, Duration.ofMillis(ms), code);
    }
}
