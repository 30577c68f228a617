package io.wagate.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.wagate.idempotency.Idempotency;
import java.io.UncheckedIOException;

/**
 * Wraps a send handler so that an {@code Idempotency-Key} header makes it run once per account and
 * key (see {@link Idempotency}); a replayed answer carries {@code Idempotent-Replayed: true}.
 */
public final class IdempotentHandler {
    public static final String HEADER = "Idempotency-Key";

    private final Idempotency idempotency;

    public IdempotentHandler(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    /** {@code handler} once per Idempotency-Key; the body's spooled file, if any, is deleted after it. */
    public Handler wrap(JsonBody body, Handler handler) {
        return ctx -> {
            try {
                handleOnce(body, handler, ctx);
            } finally {
                body.release(ctx);
            }
        };
    }

    private void handleOnce(JsonBody body, Handler handler, Context ctx) throws Exception {
        String key = ctx.header(HEADER);
        if (key == null) {
            handler.handle(ctx);
            return;
        }
        Idempotency.Answer answer;
        try (var content = body.content(ctx)) {
            answer = idempotency.once(Auth.principal(ctx).accountId(), key, ctx.method().name(), ctx.path(),
                    content, () -> {
                        run(handler, ctx);
                        return new Idempotency.Answer(ctx.statusCode(), ctx.result(), false);
                    });
        }
        if (answer.replayed()) {
            ctx.header("Idempotent-Replayed", "true").status(answer.status())
                    .contentType("application/json").result(answer.body());
        }
    }

    private static void run(Handler handler, Context ctx) {
        try {
            handler.handle(ctx);
        } catch (RuntimeException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
