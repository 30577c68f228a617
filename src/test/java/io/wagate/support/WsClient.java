package io.wagate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A client of {@code /v1/ws} on the JDK's WebSocket: collects every text frame as JSON, and can
 * connect "paused", reading nothing at all until {@link #resume()} (a client that cannot keep up).
 */
public final class WsClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the server ended the connection. */
    public record Closed(int code, String reason) {}

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final boolean paused;
    private volatile WebSocket socket;

    private WsClient(boolean paused) {
        this.paused = paused;
    }

    /** Connects with the key in X-API-Key; {@code query} is everything after {@code ?} (may be empty). */
    public static WsClient connect(Api api, String key, String query) {
        return open(api, query, Map.of("X-API-Key", key), false);
    }

    /** Connects and reads nothing until {@link #resume()}. */
    public static WsClient connectPaused(Api api, String key, String query) {
        return open(api, query, Map.of("X-API-Key", key), true);
    }

    /** Connects with the given headers (none for a key in the query); fails as the handshake fails. */
    public static WsClient open(Api api, String query, Map<String, String> headers, boolean paused) {
        var client = new WsClient(paused);
        var builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri(api, query), client.new Listener()).join();
        return client;
    }

    public static URI uri(Api api, String query) {
        return URI.create(api.base().replaceFirst("^http", "ws") + "/v1/ws" + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * The answer to an upgrade request sent by hand over a socket, for the refusals: the JDK client
     * reports only their status, and its HTTP client may not send Upgrade headers.
     */
    public static Api.Response rawUpgrade(Api api, String query, Map<String, String> headers) {
        var uri = uri(api, query);
        try (var socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            var request = new StringBuilder("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? ""
                    : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(new byte[16])).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            return readResponse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Api.Response readResponse(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(b);
        }
        var lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, List<String>>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        var httpHeaders = HttpHeaders.of(headers, (a, b) -> true);
        long length = httpHeaders.firstValueAsLong("Content-Length").orElse(-1);
        byte[] body;
        if (length >= 0) {
            body = in.readNBytes((int) length);
        } else if (httpHeaders.firstValue("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent()) {
            body = readChunked(in);
        } else {
            body = status == 101 ? new byte[0] : in.readAllBytes();
        }
        return new Api.Response(status, httpHeaders, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            var sizeLine = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed inside a chunk size");
                }
                sizeLine.write(b);
            }
            int size = Integer.parseInt(sizeLine.toString(StandardCharsets.ISO_8859_1).trim().split(";")[0], 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            in.readNBytes(2);
        }
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The frames of one event name. */
    public List<JsonNode> frames(String event) {
        return frames.stream().filter(f -> f.path("event").asText().equals(event)).toList();
    }

    /** Waits for a frame that {@code test} accepts and returns it. */
    public JsonNode await(String what, Predicate<JsonNode> test) {
        return org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> frames.stream().filter(test).findFirst().orElse(null), f -> f != null);
    }

    /** Waits for the server to end the connection. */
    public Closed awaitClosed() {
        org.awaitility.Awaitility.await("the server closes the connection").atMost(Duration.ofSeconds(30)).until(closed::isDone);
        return closed.join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Starts reading (after {@link #connectPaused}). */
    public void resume() {
        socket.request(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (!paused) {
                webSocket.request(Long.MAX_VALUE);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
