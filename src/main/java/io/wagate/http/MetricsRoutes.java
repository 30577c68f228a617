package io.wagate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics} for Prometheus: the admin key, or the scrape token of
 * {@code WAGATE_METRICS_TOKEN} as a Bearer token (so the scraper needs no key that can change anything).
 */
public final class MetricsRoutes implements RouteGroup {
    private final Metrics metrics;
    private final Auth auth;
    private final Optional<byte[]> token;

    public MetricsRoutes(Metrics metrics, Auth auth, Optional<String> token) {
        this.metrics = metrics;
        this.auth = auth;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            if (!presentsToken(ctx)) {
                auth.requireAdmin(ctx);
            }
            ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
        });
    }

    private boolean presentsToken(Context ctx) {
        if (token.isEmpty()) {
            return false;
        }
        return Auth.presentedKey(ctx)
                .map(presented -> MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.get()))
                .orElse(false);
    }
}
