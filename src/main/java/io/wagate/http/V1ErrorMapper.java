package io.wagate.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.ids.Ulid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error mapper of the v1 and admin surfaces: every failure becomes
 * {@code {"statusCode", "error", "message"}}. Real faults are logged with an id the body repeats;
 * no stack trace leaves the server.
 */
public final class V1ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(V1ErrorMapper.class);

    public record ErrorBody(int statusCode, String error, String message) {}

    private static final String WRITTEN = "wagate.error-written";
    private static final String RETRY_UNAVAILABLE_SECONDS = "5";

    private final Ulid ids;

    public V1ErrorMapper(Ulid ids) {
        this.ids = ids;
    }

    public void handle(Exception exception, Context ctx) {
        switch (exception) {
            case ApiException api -> {
                if (api.retryAfterSeconds() > 0) {
                    ctx.header("Retry-After", Long.toString(api.retryAfterSeconds()));
                }
                write(ctx, api.kind(), api.getMessage());
            }
            case HttpResponseException http -> write(ctx, ErrorKind.forStatus(http.getStatus()), http.getMessage());
            default -> {
                String id = ids.next("err");
                log.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), id, exception);
                write(ctx, ErrorKind.INTERNAL, "internal error; quote error id " + id + " when reporting it");
            }
        }
    }

    /** Javalin's own 404 (no such route) in our shape; a 404 a handler already wrote stays as it is. */
    public void notFound(Context ctx) {
        if (ctx.attribute(WRITTEN) == null) {
            write(ctx, ErrorKind.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path());
        }
    }

    public static void write(Context ctx, ErrorKind kind, String message) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        if (kind == ErrorKind.UNAVAILABLE) {
            // An engine restarting is back within seconds: say when to try again.
            ctx.header("Retry-After", RETRY_UNAVAILABLE_SECONDS);
        }
        ctx.status(kind.status()).json(new ErrorBody(kind.status(), kind.reason(), message));
    }
}
