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
 * Errors Jetty answers before a request reaches Javalin (a malformed or ambiguous URI, say) in
 * the error shape of the surface the path belongs to, like every other error, instead of an HTML page.
 */
final class JettyErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;
    private final Function<String, ErrorMapper> errors;

    JettyErrorHandler(ObjectMapper mapper, Function<String, ErrorMapper> errors) {
        this.mapper = mapper;
        this.errors = errors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        var kind = ErrorKind.forStatus(status);
        Object reason = request.getAttribute(ERROR_MESSAGE);
        String message = reason == null ? kind.reason() : "the request was refused: " + reason;
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        byte[] body = mapper.writeValueAsBytes(errors.apply(path).body(status, kind, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
