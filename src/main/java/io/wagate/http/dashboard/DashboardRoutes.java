package io.wagate.http.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.http.RouteGroup;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard: a page at {@code /} and its scripts and stylesheet at {@code /dashboard/{file}},
 * from the jar. They hold no data and need no key: the page signs in with a key the user types and
 * then speaks only the public API. Its responses forbid inline scripts and framing, so a value from
 * the API that slipped into markup still could not run.
 */
public final class DashboardRoutes implements RouteGroup {
    private static final String ROOT = "/dashboard/";
    /** A plain file name of the dashboard's directory: no slashes, no leading dot. */
    private static final Pattern ASSET_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]*\\.(js|css|svg)$");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    static final String CSP = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "index.html", "text/html; charset=utf-8"));
        routes.get("/dashboard/{file}", this::asset);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        var matcher = ASSET_NAME.matcher(file);
        if (!matcher.matches()) {
            throw ApiException.notFound("no dashboard file named '" + file + "'");
        }
        serve(ctx, file, CONTENT_TYPES.get(matcher.group(1)));
    }

    private static void serve(Context ctx, String file, String contentType) {
        InputStream in = DashboardRoutes.class.getResourceAsStream(ROOT + file);
        if (in == null) {
            throw ApiException.notFound("no dashboard file named '" + file + "'");
        }
        // Revalidated on every load: a new jar's page never runs with an old jar's scripts.
        ctx.header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType(contentType)
                .result(in);
    }
}
