package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.http.Auth;
import io.wagate.http.PlanLimits;
import io.wagate.http.RouteGroup;
import io.wagate.stream.FrameSink;
import io.wagate.stream.StreamHub;
import io.wagate.stream.Subscription;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * {@code GET /v1/ws}: the live event stream. Everything that can refuse a client (key, plan limits,
 * session, event names) is decided before the upgrade, so a refusal is an ordinary HTTP error.
 */
public final class StreamRoutes implements RouteGroup {
    static final String PATH = "/v1/ws";
    /** Where a client that cannot set headers on a WebSocket may put its key (it ends up in proxy logs). */
    static final String KEY_PARAM = "x-api-key";
    /**
     * A browser's way to send its key out of the URL: the subprotocols {@code wagate} and
     * {@code wagate.key.<key>}; the server accepts {@code wagate}, so the key is never echoed.
     */
    static final String PROTOCOL = "wagate";
    private static final String KEY_PROTOCOL_PREFIX = PROTOCOL + ".key.";
    private static final String CLIENT = "wagate.stream.client";
    private static final String SINK = "wagate.stream.sink";
    /** How long a client subscribed before its upgrade may take to connect before it is dropped. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long PING_SECONDS = 15;

    private final StreamHub hub;
    private final Auth auth;
    private final PlanLimits limits;
    private final V1ErrorMapper errors;

    public StreamRoutes(StreamHub hub, Auth auth, PlanLimits limits, V1ErrorMapper errors) {
        this.hub = hub;
        this.auth = auth;
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    public void register(RoutesConfig routes) {
        // A plain GET (no Upgrade header) passes the usual /v1 before-handlers and lands here.
        routes.get(PATH, ctx -> {
            ctx.header("Upgrade", "websocket");
            throw new ApiException(ErrorKind.UPGRADE_REQUIRED,
                    PATH + " is a WebSocket: connect with Connection: Upgrade and Upgrade: websocket");
        });
        routes.wsBeforeUpgrade(PATH, this::beforeUpgrade);
        routes.ws(PATH, ws -> {
            ws.onConnect(ctx -> {
                // Pings keep an idle stream open through Jetty's idle timeout and proxies.
                ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
                LateSink sink = ctx.attribute(SINK);
                sink.attach(new JettySink(ctx.session));
            });
            ws.onClose(ctx -> hub.disconnected(ctx.attribute(CLIENT)));
            ws.onError(ctx -> hub.disconnected(ctx.attribute(CLIENT)));
        });
    }

    private void beforeUpgrade(Context ctx) throws IOException {
        try {
            var offered = offeredProtocols(ctx);
            var protocolKey = offered.stream().filter(p -> p.startsWith(KEY_PROTOCOL_PREFIX))
                    .map(p -> p.substring(KEY_PROTOCOL_PREFIX.length())).findFirst();
            auth.requireKeyOr(ctx, protocolKey.or(() -> Optional.ofNullable(ctx.queryParam(KEY_PARAM))), KEY_PARAM);
            if (offered.contains(PROTOCOL)) {
                // A browser fails the handshake unless the server picks one of the protocols it offered.
                ctx.header("Sec-WebSocket-Protocol", PROTOCOL);
            }
            limits.enforce(ctx);
            Subscription subscription = hub.subscription(principal(ctx), ctx.queryParam("session"), events(ctx));
            // Subscribed before the upgrade, so no event between the handshake and the open is missed: the
            // frames wait in the client's queue until the connection is there.
            String client = UUID.randomUUID().toString();
            var sink = new LateSink(() -> hub.disconnected(client));
            ctx.attribute(CLIENT, client);
            ctx.attribute(SINK, sink);
            hub.connect(client, subscription, Auth.keyHash(ctx), sink);
        } catch (Exception e) {
            // Javalin writes no response body on the upgrade path: write the error here and skip the upgrade.
            errors.handle(e, ctx);
            try (var body = ctx.resultInputStream()) {
                if (body != null) {
                    body.transferTo(ctx.res().getOutputStream());
                }
            }
            ctx.skipRemainingHandlers();
        }
    }

    private static List<String> offeredProtocols(Context ctx) {
        return ctx.req().getHeaders("Sec-WebSocket-Protocol") == null ? List.of()
                : Collections.list(ctx.req().getHeaders("Sec-WebSocket-Protocol")).stream()
                        .flatMap(value -> Arrays.stream(value.split(",")))
                        .map(String::trim)
                        .filter(p -> !p.isEmpty())
                        .toList();
    }

    /** {@code events=a&events=b}, and {@code events=a,b} for clients that build one value. */
    private static List<String> events(Context ctx) {
        return ctx.queryParams("events").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /**
     * The sink of a client subscribed before its upgrade: writes wait until the connection is attached;
     * an upgrade that never completes drops the client.
     */
    private static final class LateSink implements FrameSink {
        private final CompletableFuture<FrameSink> connection = new CompletableFuture<>();

        LateSink(Runnable dropped) {
            connection.orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((sink, failure) -> {
                        if (failure != null) {
                            dropped.run();
                        }
                    });
        }

        void attach(FrameSink sink) {
            connection.complete(sink);
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            return connection.thenCompose(sink -> sink.send(text));
        }

        /** Closes once connected: a client told to go away just as it connects still hears why. */
        @Override
        public CompletableFuture<Void> close(int code, String reason) {
            return connection.thenCompose(sink -> sink.close(code, reason));
        }

        @Override
        public void disconnect() {
            connection.thenAccept(FrameSink::disconnect);
        }
    }

    /** Jetty's WebSocket session as the hub writes to it. */
    private record JettySink(Session session) implements FrameSink {
        @Override
        public CompletableFuture<Void> send(String text) {
            var written = new Callback.Completable();
            session.sendText(text, written);
            return written;
        }

        @Override
        public CompletableFuture<Void> close(int code, String reason) {
            var sent = new Callback.Completable();
            session.close(code, reason, sent);
            return sent;
        }

        @Override
        public void disconnect() {
            session.disconnect();
        }
    }
}
