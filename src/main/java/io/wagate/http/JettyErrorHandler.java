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
 * Errors Jetty answers before a request reaches Javalin (a malformed or ambiguous URI, say) in
 * the same {@code {statusCode, error, message}} shape as every other error, instead of an HTML page.
 */
final class JettyErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    JettyErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        var kind = ErrorKind.forStatus(status);
        Object reason = request.getAttribute(ERROR_MESSAGE);
        String message = reason == null ? kind.reason() : "the request was refused: " + reason;
        byte[] body = mapper.writeValueAsBytes(new V1ErrorMapper.ErrorBody(status, kind.reason(), message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
