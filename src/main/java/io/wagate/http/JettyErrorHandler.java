package io.wagate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.error.ErrorKind;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin, as JSON in the shape of the surface the path
 * belongs to instead of an HTML page. A malformed or ambiguous URI is refused before Jetty knows its path
 * (it reports it as {@code /badMessage}), so that answer has the fallback surface's shape, the v1 one.
 *
 * <p>Jetty's 503 is the drain: once a stop began, its graceful handler refuses every request that comes on
 * an open connection without carrying it out (it lets the stop wait for those in flight). That refusal
 * says so, with {@code Connection: close} and {@code Retry-After}, so a client retries elsewhere (or after
 * the restart) knowing nothing was done. Jetty's own check is the only one: a second one in front of it
 * would leave a moment in which a request passes it and is refused by Jetty anyway.
 */
final class JettyErrorHandler extends ErrorHandler {
    static final String SHUTTING_DOWN = "the server is shutting down; this request was not carried out, retry it";

    private final ObjectMapper mapper;
    private final Function<String, ErrorMapper> errors;
    private final String retryAfter;

    JettyErrorHandler(ObjectMapper mapper, Function<String, ErrorMapper> errors, java.time.Duration retryAfter) {
        this.mapper = mapper;
        this.errors = errors;
        this.retryAfter = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        var kind = ErrorKind.forStatus(status);
        String message;
        if (status == 503) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
            message = SHUTTING_DOWN;
        } else {
            Object reason = request.getAttribute(ERROR_MESSAGE);
            message = reason == null ? kind.reason() : "the request was refused: " + reason;
        }
        byte[] body = mapper.writeValueAsBytes(errors.apply(Request.getPathInContext(request))
                .body(status, kind, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
