package io.wagate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.engine.Engine;
import io.wagate.engine.EngineRegistry;
import io.wagate.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: no key needed; 200 when the store answers, 503 when it does not. */
public final class HealthRoutes implements RouteGroup {
    private final Database database;
    private final EngineRegistry engines;
    private final String version;
    private final Node node;

    /** This process: {@code mode} "single" or "cluster", and its node name. */
    public record Node(String mode, String name) {}

    public HealthRoutes(Database database, EngineRegistry engines, String version, Node node) {
        this.database = database;
        this.engines = engines;
        this.version = version;
        this.node = node;
    }

    record DatabaseHealth(String kind, boolean up) {}

    record EngineHealth(boolean up, String detail, boolean isDefault, Engine.ClientVersion whatsappVersion) {}

    record Health(String status, String version, Node node, DatabaseHealth database,
                  Map<String, EngineHealth> engines) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        boolean databaseUp = database.isUp();
        var engineHealth = new LinkedHashMap<String, EngineHealth>();
        for (String name : engines.names()) {
            var health = engines.find(name).orElseThrow().health();
            engineHealth.put(name, new EngineHealth(health.up(), health.detail(), name.equals(engines.defaultEngine()),
                    health.whatsappVersion()));
        }
        ctx.status(databaseUp ? 200 : 503).json(new Health(databaseUp ? "ok" : "down", version, node,
                new DatabaseHealth(database.kind().name().toLowerCase(), databaseUp), engineHealth));
    }
}
