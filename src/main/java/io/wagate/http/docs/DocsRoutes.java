package io.wagate.http.docs;

import io.javalin.config.RoutesConfig;
import io.wagate.http.RouteGroup;

/** Placeholder until the OpenAPI document lands: serves /openapi.json and /docs. */
public final class DocsRoutes implements RouteGroup {
    @Override
    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(
                getClass().getResourceAsStream("/openapi.json")));
    }
}
