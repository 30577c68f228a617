package io.wagate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for tests: JSON in, {@link Response} out, with the key in X-API-Key (or none). */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String key;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Api(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public String base() {
        return base;
    }

    /** The same client without any API key header. */
    public Api anonymous() {
        return new Api(base, null);
    }

    /** The same client sending the key (if any) in {@code header} instead of X-API-Key. */
    public Api withHeader(String name, String value) {
        var copy = new Api(base, null);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, toJson(body), "application/json");
    }

    public Response put(String path, Object body) {
        return send("PUT", path, toJson(body), "application/json");
    }

    /** Sends {@code rawBody} exactly as given (for malformed JSON and size tests). */
    public Response send(String method, String path, String rawBody, String contentType) {
        return sendBody(method, path, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(rawBody), contentType);
    }

    /** POSTs {@code body} (a multipart form, say) as it is. */
    public Response post(String path, byte[] body, String contentType) {
        return sendBody("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    public Response sendBody(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("X-API-Key", key);
        }
        headers.forEach(builder::header);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body);
        try {
            var response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs {@code path} and answers its body as a stream (for large downloads), whatever the status. */
    public java.io.InputStream stream(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("X-API-Key", key);
        }
        headers.forEach(builder::header);
        try {
            return CLIENT.send(builder.GET().build(), HttpResponse.BodyHandlers.ofInputStream()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String toJson(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + text(), e);
            }
        }

        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
