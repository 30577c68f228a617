package io.wagate.media;

import io.wagate.error.ApiException;
import io.wagate.net.GuardedHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Downloads {@code file.url} into a temp file: http(s) only, every hop (redirects included) checked by the
 * guard, the size limit enforced while the bytes arrive.
 */
final class UrlDownloader {
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** However willing the server, a download ends after this many times the wait timeout (a slow drip). */
    private static final int TOTAL_TIMEOUTS = 10;

    /** What the server said about the file, as hints for sniffing and naming. */
    record Downloaded(String contentType, String filename) {}

    /** Reads the body of a 2xx answer from {@code uri} (the last hop); the body is closed afterwards. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(Response response, InputStream body, URI uri) throws IOException;
    }

    private final GuardedHttpClient http;
    private final Duration timeout;

    UrlDownloader(GuardedHttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    Downloaded download(String url, boolean trusted, SizeLimit limit, Path target) {
        return fetch(url, trusted, "*/*", (response, body, uri) -> {
            long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (declared > limit.maxBytes()) {
                throw limit.exceeded();
            }
            limit.copy(body, target, this::failure);
            return new Downloaded(response.getHeaders().get(HttpHeader.CONTENT_TYPE), lastSegment(uri));
        });
    }

    /** GETs {@code url}, following redirects (each hop checked), and hands a 2xx answer to {@code reader}. */
    <T> T fetch(String url, boolean trusted, String accept, BodyReader<T> reader) {
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            var listener = new InputStreamResponseListener();
            var request = guarded(uri, trusted)
                    .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .timeout(timeout.toMillis() * TOTAL_TIMEOUTS, TimeUnit.MILLISECONDS)
                    .headers(h -> h.put(HttpHeader.ACCEPT, accept));
            request.send(listener);
            try (InputStream body = listener.getInputStream()) {
                Response response = awaitHeaders(listener);
                int status = response.getStatus();
                if (REDIRECTS.contains(status)) {
                    if (hop == MAX_REDIRECTS) {
                        throw ApiException.badRequest("file.url redirects more than " + MAX_REDIRECTS + " times");
                    }
                    uri = redirectTarget(uri, response.getHeaders().get(HttpHeader.LOCATION));
                    continue;
                }
                if (status < 200 || status > 299) {
                    throw ApiException.badRequest("downloading file.url failed: the server answered " + status);
                }
                return reader.read(response, body, uri);
            } catch (IOException e) {
                throw failure(e);
            } finally {
                // Leaves nothing running behind us (a wait that timed out, a body not read to the end): a no-op
                // after a full read, else it drops the connection.
                request.abort(new IOException("download abandoned"));
            }
        }
    }

    private Request guarded(URI uri, boolean trusted) {
        try {
            return http.newRequest(uri, trusted);
        } catch (ApiException refused) {
            throw failure(refused);
        }
    }

    private Response awaitHeaders(InputStreamResponseListener listener) {
        try {
            return listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ApiException.badRequest("downloading file.url failed: no answer within " + describe(timeout));
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the download of file.url was interrupted");
        }
    }

    private ApiException failure(Throwable cause) {
        var refusal = GuardedHttpClient.refusal(cause);
        if (refusal != null) {
            return new ApiException(refusal.kind(), "file.url is refused: " + refusal.getMessage());
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return ApiException.badRequest("downloading file.url failed: no answer within "
                        + describe(timeout));
            }
            if (t instanceof ConnectException) {
                return ApiException.badRequest("downloading file.url failed: the server refused the connection");
            }
        }
        String reason = cause == null || cause.getMessage() == null ? "the connection failed" : cause.getMessage();
        return ApiException.badRequest("downloading file.url failed: " + reason);
    }

    private static URI parse(String url) {
        try {
            var uri = new URI(url.trim());
            if (!uri.isAbsolute()) {
                throw ApiException.badRequest("file.url must be an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("file.url is not a valid URL: " + e.getReason());
        }
    }

    private static URI redirectTarget(URI from, String location) {
        if (location == null || location.isBlank()) {
            throw ApiException.badRequest("downloading file.url failed: a redirect without a Location");
        }
        try {
            return from.resolve(new URI(location.trim()));
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("downloading file.url failed: a redirect to an invalid URL");
        }
    }

    /** The URL's last path segment, decoded: "report.pdf" for https://host/files/report.pdf?x=1. */
    private static String lastSegment(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            return null;
        }
        String segment = path.substring(path.lastIndexOf('/') + 1);
        try {
            return segment.isEmpty() ? null : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
