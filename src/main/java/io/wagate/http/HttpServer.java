package io.wagate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.wagate.metrics.HttpMetrics;
import io.wagate.config.Config;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Javalin on virtual threads with every route group and the API surfaces: each surface's
 * before-handler runs on its paths and its error mapper answers their failures; other paths
 * (health, docs) get the fallback mapper. Knows nothing of features beyond what it is given.
 */
public final class HttpServer implements AutoCloseable {
    /** A registered route, as the router knows it. */
    public record Route(String method, String path) {}

    private final Javalin app;
    private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
    /** The port {@link #start} was asked for; the connector is made when Javalin starts. */
    private volatile int requestedPort;
    /** The address {@link #start} was asked to listen on; null: every interface. */
    private volatile String requestedHost;

    public HttpServer(ObjectMapper mapper, List<Surface> surfaces, ErrorMapper fallback, HttpMetrics metrics,
                      Config.HttpSettings settings, List<RouteGroup> groups) {
        Function<String, ErrorMapper> errors = path -> {
            var surface = first(surfaces, path);
            return surface == null ? fallback : surface.errors();
        };
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = Long.MAX_VALUE;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrorHandler(mapper, errors, Duration.ofSeconds(5)));
                // A stop drains: it stops accepting, refuses what comes on open connections (a 503, written
                // by the error handler), and waits (up to the grace) for the requests in flight to write
                // their answers. Javalin puts its handler inside.
                server.setStopTimeout(settings.shutdownGrace().toMillis());
                server.setHandler(new GracefulHandler());
            });
            config.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, settings));
            config.events.handlerAdded(info -> {
                if (info.getHttpMethod().isHttpMethod() && info.getHttpMethod() != HandlerType.HEAD) {
                    routes.add(new Route(info.getHttpMethod().name(), info.getPath()));
                }
            });
            surfaces.forEach(surface -> {
                // Only the first surface covering a path admits it: /api/whatsapp (the simple API) lies inside
                // /api (the WAHA door) and has its own keys. The prefix itself too: a surface may be one path (/mcp).
                io.javalin.http.Handler before = ctx -> {
                    if (first(surfaces, ctx.path()) == surface) {
                        surface.before().handle(ctx);
                    }
                };
                config.routes.beforeMatched(surface.prefix(), before);
                config.routes.beforeMatched(surface.prefix() + "/*", before);
            });
            // Called for every request, errors included, once its response is written.
            config.requestLogger.http((ctx, ms) -> record(metrics, ctx, ms));
            // WebSocket upgrades do not pass the HTTP pipeline: 101, or the error that refused them.
            config.requestLogger.ws(ws -> ws.onUpgrade((ctx, ms) -> record(metrics, ctx, ms)));
            config.routes.exception(Exception.class, (e, ctx) -> errors.apply(ctx.path()).handle(e, ctx));
            config.routes.error(404, ctx -> errors.apply(ctx.path()).notFound(ctx));
            groups.forEach(group -> group.register(config.routes));
        });
    }

    /** The surface a path belongs to: the first in the list that covers it, null for none. */
    private static Surface first(List<Surface> surfaces, String path) {
        return surfaces.stream().filter(s -> s.covers(path)).findFirst().orElse(null);
    }

    private ServerConnector connector(Server server, HttpConfiguration httpConfig, Config.HttpSettings settings) {
        var connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(requestedHost);
        connector.setPort(requestedPort);
        connector.setAcceptQueueSize(settings.acceptBacklog());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.addEventListener(new ConnectionGuard(settings.maxConnectionsPerIp(), settings.headerTimeout(),
                connector.getScheduler()));
        return connector;
    }

    /** By the route template the request matched (null when none did), never by its raw path. */
    private static void record(HttpMetrics metrics, Context ctx, float ms) {
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        metrics.record(ctx.method().name(), endpoint == null ? null : endpoint.path, ctx.statusCode(),
                Duration.ofNanos((long) (ms * 1_000_000)));
    }

    /** @param host the address to listen on; null for every interface */
    public HttpServer start(String host, int port) {
        requestedHost = host;
        requestedPort = port;
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every method and path the router serves (for the OpenAPI completeness check). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        app.stop();
    }
}
