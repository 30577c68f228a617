package io.wagate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.error.ErrorKind;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (a malformed or ambiguous URI, say) as JSON
 * instead of an HTML page. Jetty refuses such a request before it knows its path (it reports it
 * as {@code /badMessage}), so the answer has the fallback surface's shape, the v1 one.
 */
final class JettyErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;
    private final ErrorMapper errors;

    JettyErrorHandler(ObjectMapper mapper, ErrorMapper errors) {
        this.mapper = mapper;
        this.errors = errors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        var kind = ErrorKind.forStatus(status);
        Object reason = request.getAttribute(ERROR_MESSAGE);
        String message = reason == null ? kind.reason() : "the request was refused: " + reason;
        byte[] body = mapper.writeValueAsBytes(errors.body(status, kind, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
