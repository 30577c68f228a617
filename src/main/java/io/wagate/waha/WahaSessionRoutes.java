package io.wagate.waha;

import static io.wagate.http.Auth.principal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.account.Principal;
import io.wagate.engine.SessionStatus;
import io.wagate.error.ApiException;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import io.wagate.session.QrImage;
import io.wagate.session.Session;
import io.wagate.session.SessionLifecycle;
import io.wagate.session.SessionService;
import io.wagate.waha.WahaSessions.SessionDTO;
import io.wagate.waha.WahaSessions.SessionInfo;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** WAHA's Sessions and Pairing operations on the shared session services. Thin: parse, call, answer. */
public final class WahaSessionRoutes implements RouteGroup {
    private static final String BASE = WahaDoor.PATH;

    private final SessionService sessions;
    private final SessionLifecycle lifecycle;
    private final JsonBody body;

    public WahaSessionRoutes(SessionService sessions, SessionLifecycle lifecycle, JsonBody body) {
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.body = body;
    }

    /** WAHA's {@code apps} (its ChatWoot/calls integrations) are accepted and have no effect. */
    record CreateRequest(String name, JsonNode apps, Boolean start, WahaSessionConfig config) {}

    /** WAHA's examples put {@code name} and {@code start} here too; a name other than the path's is refused. */
    record UpdateRequest(String name, JsonNode apps, Boolean start, WahaSessionConfig config) {}

    record StartRequest(String name, WahaSessionConfig config) {}

    record StopRequest(String name, Boolean logout) {}

    record LogoutRequest(String name) {}

    record RequestCode(String phoneNumber, String method) {}

    record PairingCode(String code) {}

    record QRCodeValue(String value) {}

    record Base64File(String mimetype, String data) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get(BASE + "/sessions", this::list);
        routes.post(BASE + "/sessions", this::create);
        routes.post(BASE + "/sessions/start", this::startByBody);
        routes.post(BASE + "/sessions/stop", this::stopByBody);
        routes.post(BASE + "/sessions/logout", this::logoutByBody);
        routes.get(BASE + "/sessions/{session}", ctx -> ctx.json(SessionInfo.of(sessions.get(principal(ctx), session(ctx)))));
        routes.put(BASE + "/sessions/{session}", this::update);
        routes.delete(BASE + "/sessions/{session}", ctx -> lifecycle.delete(principal(ctx), session(ctx)));
        routes.get(BASE + "/sessions/{session}/me", this::me);
        routes.post(BASE + "/sessions/{session}/start", ctx -> created(ctx, lifecycle.start(principal(ctx), session(ctx))));
        routes.post(BASE + "/sessions/{session}/stop", ctx -> created(ctx, lifecycle.stop(principal(ctx), session(ctx), false)));
        routes.post(BASE + "/sessions/{session}/logout", ctx -> created(ctx, lifecycle.logout(principal(ctx), session(ctx))));
        routes.post(BASE + "/sessions/{session}/restart", ctx -> created(ctx, lifecycle.restart(principal(ctx), session(ctx))));
        routes.get(BASE + "/{session}/auth/qr", this::qr);
        routes.post(BASE + "/{session}/auth/request-code", this::requestCode);
    }

    /** WAHA lists stopped sessions only when asked ({@code all=true}). */
    private void list(Context ctx) {
        boolean all = "true".equalsIgnoreCase(ctx.queryParam("all"));
        ctx.json(sessions.list(principal(ctx)).stream()
                .filter(s -> all || s.status() != SessionStatus.STOPPED).map(SessionInfo::of).toList());
    }

    private void create(Context ctx) {
        var request = body.readOptional(ctx, CreateRequest.class).orElse(new CreateRequest(null, null, null, null));
        var created = lifecycle.create(principal(ctx), new SessionLifecycle.CreateRequest(
                Optional.ofNullable(request.name()), request.start() == null || request.start(), Optional.empty(),
                Optional.ofNullable(request.config()).map(WahaSessionConfig::toConfig)));
        created(ctx, created.session());
    }

    /** WAHA replaces the whole config; wagate's pacing, which WAHA's config has not, stays. Not atomic with the
     * read of the stored config: two PUTs at once may each keep what the other replaced. */
    private void update(Context ctx) {
        var request = body.read(ctx, UpdateRequest.class);
        String name = session(ctx);
        if (request.name() != null && !request.name().equals(name)) {
            throw ApiException.badRequest("name '" + request.name() + "' differs from the session in the path, '"
                    + name + "'");
        }
        ctx.json(SessionDTO.of(replaceConfig(principal(ctx), name, request.config())));
    }

    private Session replaceConfig(Principal principal, String name, WahaSessionConfig config) {
        var stored = sessions.get(principal, name).config();
        var given = config == null ? new WahaSessionConfig(null, null, null, null, null, null, null, null, null) : config;
        return lifecycle.updateConfig(principal, name, given.over(stored));
    }

    /** The deprecated body style: upserts the session (its config too, when given) and starts it. */
    private void startByBody(Context ctx) {
        var request = body.read(ctx, StartRequest.class);
        String name = requireName(request.name());
        var principal = principal(ctx);
        boolean exists = sessions.list(principal).stream().anyMatch(s -> s.name().equals(name));
        if (!exists) {
            created(ctx, lifecycle.create(principal, new SessionLifecycle.CreateRequest(Optional.of(name), true,
                    Optional.empty(), Optional.ofNullable(request.config()).map(WahaSessionConfig::toConfig))).session());
            return;
        }
        if (request.config() != null) {
            replaceConfig(principal, name, request.config());
        }
        created(ctx, lifecycle.start(principal, name));
    }

    private void stopByBody(Context ctx) {
        var request = body.read(ctx, StopRequest.class);
        lifecycle.stop(principal(ctx), requireName(request.name()), Boolean.TRUE.equals(request.logout()));
        ctx.status(HttpStatus.CREATED).json(Map.of());
    }

    /** WAHA's deprecated logout ends the session's link and leaves it stopped. */
    private void logoutByBody(Context ctx) {
        var request = body.read(ctx, LogoutRequest.class);
        lifecycle.stop(principal(ctx), requireName(request.name()), true);
        ctx.status(HttpStatus.CREATED).json(Map.of());
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        return name;
    }

    /** The linked account, or JSON {@code null} while there is none, as WAHA answers. */
    private void me(Context ctx) {
        var me = lifecycle.me(principal(ctx), session(ctx));
        if (me.isPresent()) {
            ctx.json(WahaSessions.MeInfo.of(me.get()));
        } else {
            ctx.contentType("application/json").result("null");
        }
    }

    /** {@code format=image} (the default) is a PNG, or WAHA's Base64File when the client accepts only JSON. */
    private void qr(Context ctx) {
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("image");
        if (!format.equals("image") && !format.equals("raw")) {
            throw ApiException.badRequest("format must be image or raw");
        }
        String value = lifecycle.qr(principal(ctx), session(ctx));
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (format.equals("raw")) {
            ctx.json(new QRCodeValue(value));
        } else if (accept.contains("application/json") && !accept.contains("image/")) {
            ctx.json(new Base64File("image/png", Base64.getEncoder().encodeToString(QrImage.png(value))));
        } else {
            ctx.contentType("image/png").result(QrImage.png(value));
        }
    }

    /** WAHA documents no body for the 201; it answers the code, as here. */
    private void requestCode(Context ctx) {
        var request = body.read(ctx, RequestCode.class);
        if (request.method() != null && !request.method().isBlank()) {
            throw ApiException.notImplemented("registering a number by " + request.method() + " code: wagate links "
                    + "to an account as a companion device only (leave method empty)");
        }
        ctx.status(HttpStatus.CREATED).json(new PairingCode(
                lifecycle.pairingCode(principal(ctx), session(ctx), request.phoneNumber())));
    }

    private static void created(Context ctx, Session session) {
        ctx.status(HttpStatus.CREATED).json(SessionDTO.of(session));
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
