package io.wagate.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.ids.Ulid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error mapper of one API surface. Which status a failure gets is decided here, once for every
 * surface: an {@link ApiException} by its kind, Javalin's own HTTP errors by their status, anything
 * else is a real fault, logged (under the surface's mapper class) with an id that the body repeats,
 * never with a stack trace to the client. Each surface only renders the body ({@link #body}).
 */
public abstract class ErrorMapper {
    private static final String WRITTEN = "wagate.error-written";
    /** An engine restarting is back within seconds: a 503 says when to try again unless it knows better. */
    private static final String RETRY_UNAVAILABLE_SECONDS = "5";

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Ulid ids;

    protected ErrorMapper(Ulid ids) {
        this.ids = ids;
    }

    /**
     * This surface's error body for an answer of {@code status} ({@code kind} is its kind; Jetty's own
     * errors may have a status no kind has), with {@code message} for the client.
     */
    public abstract Object body(int status, ErrorKind kind, String message);

    public final void handle(Exception exception, Context ctx) {
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

    /** Javalin's own 404 (no such route) in this surface's shape; a 404 a handler already wrote stays as it is. */
    public final void notFound(Context ctx) {
        if (ctx.attribute(WRITTEN) == null) {
            write(ctx, ErrorKind.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path());
        }
    }

    public final void write(Context ctx, ErrorKind kind, String message) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        if (kind == ErrorKind.UNAVAILABLE && ctx.res().getHeader("Retry-After") == null) {
            ctx.header("Retry-After", RETRY_UNAVAILABLE_SECONDS);
        }
        ctx.status(kind.status()).json(body(kind.status(), kind, message));
    }
}
