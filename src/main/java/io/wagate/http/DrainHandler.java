package io.wagate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.error.ErrorKind;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The stop of the server as a drain: Jetty's {@link GracefulHandler} (inside this one) counts the
 * requests in flight and lets the stop wait for them; a request that arrives on an open connection
 * once the stop began is answered here, not carried out: 503 with {@code Connection: close} and
 * {@code Retry-After}, so a client retries elsewhere (or after the restart) knowing nothing was done.
 */
final class DrainHandler extends org.eclipse.jetty.server.Handler.Wrapper {
    private final GracefulHandler graceful;
    private final ObjectMapper mapper;
    /** The error mapper of the surface a path belongs to: each surface refuses in its own error shape. */
    private final java.util.function.Function<String, ErrorMapper> errors;
    private final String retryAfter;

    DrainHandler(GracefulHandler graceful, ObjectMapper mapper, java.util.function.Function<String, ErrorMapper> errors,
                 Duration retryAfter) {
        super(graceful);
        this.graceful = graceful;
        this.mapper = mapper;
        this.errors = errors;
        this.retryAfter = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    private byte[] body(String path) {
        try {
            return mapper.writeValueAsBytes(errors.apply(path).body(503, ErrorKind.forStatus(503),
                    "the server is shutting down; this request was not carried out, retry it"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!graceful.isShutdown()) {
            return super.handle(request, response, callback);
        }
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(Request.getPathInContext(request))), callback);
        return true;
    }
}
