package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.http.simple.SimpleErrorMapper;
import io.wagate.http.v1.V1ErrorMapper;
import io.wagate.ids.Ulid;
import io.wagate.support.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The drain's refusal is Jetty's own 503 (its graceful handler's, once a stop began): here that handler is
 * shut down as a stop does it, with wagate's error handler, and each refusal must say what the drain
 * promises, in the shape of the surface its path names. (The real server's drain under load:
 * {@link ShutdownDrainTest}.)
 */
class JettyRefusalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jettysOwn503DuringTheDrainHasRetryAfterConnectionCloseAndTheSurfacesShape() throws Exception {
        var ids = new Ulid(Clock.systemUTC());
        var v1 = new V1ErrorMapper(ids);
        var simple = new SimpleErrorMapper(ids);
        Function<String, ErrorMapper> errors = path -> path != null && path.startsWith("/api/whatsapp/") ? simple : v1;
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        // What a request would do if it were carried out.
        var graceful = new GracefulHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        server.setHandler(graceful);
        server.setErrorHandler(new JettyErrorHandler(JSON, errors, Duration.ofSeconds(5)));
        server.start();
        try {
            graceful.shutdown().get();
            for (String path : new String[] {"/api/whatsapp/send/text", "/v1/sendText", "/health"}) {
                try (var socket = new Socket("127.0.0.1", connector.getLocalPort())) {
                    String answer = RawHttp.get(socket, path);
                    assertThat(answer).as(path).startsWith("HTTP/1.1 503")
                            .containsIgnoringCase("connection: close").containsIgnoringCase("retry-after: 5");
                    var body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                    if (path.startsWith("/api/whatsapp/")) {
                        assertThat(body.path("error").asText()).as(answer).contains("shutting down");
                        assertThat(body.size()).as(answer).isEqualTo(1);
                    } else {
                        assertThat(body.path("statusCode").asInt()).as(answer).isEqualTo(503);
                        assertThat(body.path("message").asText()).as(answer).contains("shutting down");
                    }
                }
            }
        } finally {
            server.stop();
        }
    }
}
