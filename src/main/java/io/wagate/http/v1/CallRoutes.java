package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.wagate.call.CallService;
import io.wagate.http.JsonBody;
import io.wagate.http.RouteGroup;
import java.util.Map;

/** Calls: reject, and the sandbox's simulated incoming calls under {@code …/sandbox/}. */
public final class CallRoutes implements RouteGroup {
    private static final String SESSION = "/v1/sessions/{session}";
    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    private final CallService calls;
    private final JsonBody body;

    public CallRoutes(CallService calls, JsonBody body) {
        this.calls = calls;
        this.body = body;
    }

    record RejectBody(String callId, String from) {}

    record SimulateBody(String from, Boolean video) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post(SESSION + "/calls/reject", ctx -> {
            var request = body.read(ctx, RejectBody.class);
            calls.reject(principal(ctx), session(ctx), request.callId(), request.from());
            ctx.json(SUCCESS);
        });
        routes.post(SESSION + "/sandbox/calls", ctx -> {
            var request = body.read(ctx, SimulateBody.class);
            ctx.status(HttpStatus.CREATED).json(calls.simulateIncoming(principal(ctx), session(ctx), request.from(),
                    request.video()));
        });
        routes.post(SESSION + "/sandbox/calls/{callId}/accept", ctx -> ctx.json(calls.accept(principal(ctx),
                session(ctx), ctx.pathParam("callId"))));
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
