package io.wagate.http;

import io.javalin.config.RoutesConfig;

/** A feature's routes; the server registers each group once. */
public interface RouteGroup {
    void register(RoutesConfig routes);
}
