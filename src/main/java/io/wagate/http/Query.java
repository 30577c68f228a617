package io.wagate.http;

import io.javalin.http.Context;
import io.wagate.error.ApiException;

/** Query parameters read strictly: a value that is not what the route takes is a 400 naming it. */
public final class Query {
    private Query() {}

    /** The parameter as a whole number, or {@code fallback} when absent or blank. */
    public static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }
}
