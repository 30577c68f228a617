package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.session.QrImage;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionLifecycle;
import io.wagate.session.SessionService;
import java.util.Base64;
import java.util.Optional;

/** The session and auth routes of the v1 API. Thin: parse, call, answer. */
public final class SessionRoutes implements RouteGroup {
    private static final java.util.Set<String> QR_FORMATS = java.util.Set.of("base64", "binary", "image", "raw");

    private final SessionService sessions;
    private final SessionLifecycle lifecycle;
    private final JsonBody body;

    public SessionRoutes(SessionService sessions, SessionLifecycle lifecycle, JsonBody body) {
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.body = body;
    }

    record CreateBody(String name, Boolean start, String engine, SessionConfig config) {}

    record UpdateBody(SessionConfig config) {}

    record NameBody(String name, Boolean logout) {}

    record PairingBody(String phoneNumber) {}

    record QrBase64(String mimetype, String data) {}

    record QrRaw(String value) {}

    record PairingCode(String code) {}

    record ApiKeyBody(String apiKey) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/v1/sessions", this::list);
        routes.post("/v1/sessions", this::create);
        routes.post("/v1/sessions/start", ctx -> ctx.json(SessionView.of(lifecycle.start(principal(ctx), nameFromBody(ctx)))));
        routes.post("/v1/sessions/stop", this::stopByBody);
        routes.post("/v1/sessions/logout", ctx -> ctx.json(SessionView.of(lifecycle.logout(principal(ctx), nameFromBody(ctx)))));
        routes.get("/v1/sessions/{session}", ctx -> ctx.json(SessionView.of(sessions.get(principal(ctx), session(ctx)))));
        routes.put("/v1/sessions/{session}", this::update);
        routes.delete("/v1/sessions/{session}", this::delete);
        routes.get("/v1/sessions/{session}/me", this::me);
        routes.post("/v1/sessions/{session}/start", ctx -> ctx.json(SessionView.of(lifecycle.start(principal(ctx), session(ctx)))));
        routes.post("/v1/sessions/{session}/stop", ctx -> ctx.json(SessionView.of(lifecycle.stop(principal(ctx), session(ctx), false))));
        routes.post("/v1/sessions/{session}/restart", ctx -> ctx.json(SessionView.of(lifecycle.restart(principal(ctx), session(ctx)))));
        routes.post("/v1/sessions/{session}/logout", ctx -> ctx.json(SessionView.of(lifecycle.logout(principal(ctx), session(ctx)))));
        routes.post("/v1/sessions/{session}/api-key", ctx -> ctx.json(
                new ApiKeyBody(lifecycle.rotateKey(principal(ctx), session(ctx)))));
        routes.get("/v1/{session}/auth/qr", this::qr);
        routes.post("/v1/{session}/auth/pairing-code", ctx -> pairing(ctx, body.read(ctx, PairingBody.class).phoneNumber()));
        routes.get("/v1/{session}/auth/pairing-code", ctx -> pairing(ctx, ctx.queryParam("phoneNumber")));
    }

    private void list(Context ctx) {
        ctx.json(sessions.list(principal(ctx)).stream().map(SessionView::of).toList());
    }

    private void create(Context ctx) {
        var request = body.readOptional(ctx, CreateBody.class).orElse(new CreateBody(null, null, null, null));
        var created = lifecycle.create(principal(ctx), new SessionLifecycle.CreateRequest(
                Optional.ofNullable(request.name()),
                request.start() == null || request.start(),
                Optional.ofNullable(request.engine()),
                Optional.ofNullable(request.config())));
        ctx.status(HttpStatus.CREATED).json(SessionView.withKey(created.session(), created.apiKey()));
    }

    private void update(Context ctx) {
        var request = body.read(ctx, UpdateBody.class);
        if (request.config() == null) {
            throw ApiException.badRequest("config is required");
        }
        ctx.json(SessionView.of(lifecycle.updateConfig(principal(ctx), session(ctx), request.config())));
    }

    private void delete(Context ctx) {
        lifecycle.delete(principal(ctx), session(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void stopByBody(Context ctx) {
        var request = body.read(ctx, NameBody.class);
        requireName(request);
        boolean logout = request.logout() != null && request.logout();
        ctx.json(SessionView.of(lifecycle.stop(principal(ctx), request.name(), logout)));
    }

    private String nameFromBody(Context ctx) {
        var request = body.read(ctx, NameBody.class);
        requireName(request);
        if (request.logout() != null) {
            throw ApiException.badRequest("unknown field 'logout': only /v1/sessions/stop takes it");
        }
        return request.name();
    }

    private static void requireName(NameBody request) {
        if (request.name() == null || request.name().isBlank()) {
            throw ApiException.badRequest("name is required");
        }
    }

    /** The linked account, or JSON {@code null} while there is none (WAHA's answer too). */
    private void me(Context ctx) {
        var me = lifecycle.me(principal(ctx), session(ctx));
        if (me.isPresent()) {
            ctx.json(SessionView.MeView.of(me.get()));
        } else {
            ctx.contentType("application/json").result("null");
        }
    }

    private void qr(Context ctx) {
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("base64");
        if (!QR_FORMATS.contains(format)) {
            throw ApiException.badRequest("format must be one of base64, binary, image, raw");
        }
        String value = lifecycle.qr(principal(ctx), session(ctx));
        switch (format) {
            case "binary", "image" -> ctx.contentType("image/png").result(QrImage.png(value));
            case "raw" -> ctx.json(new QrRaw(value));
            default -> ctx.json(new QrBase64("image/png", Base64.getEncoder().encodeToString(QrImage.png(value))));
        }
    }

    private void pairing(Context ctx, String phoneNumber) {
        ctx.json(new PairingCode(lifecycle.pairingCode(principal(ctx), session(ctx), phoneNumber)));
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
