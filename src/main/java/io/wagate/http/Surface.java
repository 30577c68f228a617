package io.wagate.http;

import io.javalin.http.Handler;

/**
 * An API surface: the paths below {@code prefix} (such as {@code /v1}), the before-handler that
 * admits their requests (keys, plan limits) and the mapper that writes their errors.
 */
public record Surface(String prefix, Handler before, ErrorMapper errors) {
    public boolean covers(String path) {
        return path != null && (path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
