package io.wagate.waha;

import io.javalin.config.RoutesConfig;
import io.wagate.http.RouteGroup;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * The door's prefix and WAHA's Observability operations that mean something here: {@code GET /ping} (open, as
 * WAHA's), {@code /api/server/version} and {@code /api/server/status}. WAHA's {@code /health} is not served: that
 * path is wagate's own health check, with wagate's shape.
 */
public final class WahaDoor implements RouteGroup {
    public static final String PATH = "/api";

    private final String version;
    private final String engine;
    private final String worker;
    private final Clock clock;
    private final Instant started;

    /** @param worker this node's name in a cluster, null for a single node (WAHA's {@code worker.id}) */
    public WahaDoor(String version, String engine, String worker, Clock clock) {
        this.version = version;
        this.engine = engine;
        this.worker = worker;
        this.clock = clock;
        this.started = clock.instant();
    }

    record Ping(String message) {}

    record Worker(String id) {}

    /** WAHA's WAHAEnvironment: {@code tier} is WAHA's edition, here always {@code WAGATE}; no browser runs. */
    record Environment(String version, String engine, String tier, String browser, String platform, Worker worker) {}

    record ServerStatus(long startTimestamp, long uptime, Worker worker) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/ping", ctx -> ctx.json(new Ping("pong")));
        routes.get(PATH + "/server/version", ctx -> ctx.json(new Environment(version, engine.toUpperCase(Locale.ROOT),
                "WAGATE", "", System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch"),
                new Worker(worker))));
        routes.get(PATH + "/server/status", ctx -> ctx.json(new ServerStatus(started.toEpochMilli(),
                clock.millis() - started.toEpochMilli(), new Worker(worker == null ? "wagate" : worker))));
    }

}
