package io.wagate.webhook;

import io.wagate.error.ApiException;
import io.wagate.ids.Ulid;
import io.wagate.net.GuardedHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * One HTTP attempt of a delivery, with the headers README "Webhooks" lists. The URL is checked against the private-target
 * guard again here and on every new connection, since DNS may answer differently than at registration.
 * Redirects are not followed (a 3xx is a failed attempt); the receiver's body is read and dropped.
 */
final class WebhookSender implements AutoCloseable {
    static final String REQUEST_ID = "X-Webhook-Request-Id";
    static final String TIMESTAMP = "X-Webhook-Timestamp";
    static final String HMAC = "X-Webhook-Hmac";
    static final String HMAC_ALGORITHM = "X-Webhook-Hmac-Algorithm";
    /** Beyond the request's own timeout, in case the client fails to end it. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** How an attempt went: a 2xx, or why not (with the receiver's status and Retry-After when it answered). */
    sealed interface Outcome {
        record Delivered(int status) implements Outcome {}

        record Failed(Optional<Integer> status, String reason, Optional<Duration> retryAfter) implements Outcome {}
    }

    private final GuardedHttpClient http;
    private final Duration timeout;
    private final Ulid ids;
    private final Clock clock;

    WebhookSender(GuardedHttpClient http, Duration timeout, Ulid ids, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.ids = ids;
        this.clock = clock;
    }

    Outcome send(Target target, Delivery.Queued delivery) throws InterruptedException {
        Request request;
        try {
            request = http.newRequest(target.uri(), target.trusted());
        } catch (ApiException refused) {
            return failed("not sent: " + refused.getMessage());
        }
        request.method(HttpMethod.POST)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .body(new BytesRequestContent("application/json", delivery.body))
                .headers(h -> {
                    for (var header : target.headers()) {
                        h.add(header.name(), header.value());
                    }
                    h.put(REQUEST_ID, ids.next("req"));
                    h.put(TIMESTAMP, Long.toString(delivery.eventAt));
                    target.hmacKey().ifPresent(key -> {
                        h.put(HMAC, Signature.hmacSha512(key, delivery.body));
                        h.put(HMAC_ALGORITHM, Signature.ALGORITHM);
                    });
                });
        var result = new CompletableFuture<Result>();
        request.send(result::complete);
        try {
            return outcome(result.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            request.abort(e);
            throw e;
        } catch (TimeoutException e) {
            request.abort(e);
            return failed("no answer within " + describe(timeout));
        } catch (ExecutionException e) {
            return failed(reason(e.getCause()));
        }
    }

    private Outcome outcome(Result result) {
        var response = result.getResponse();
        boolean answered = response != null && response.getStatus() > 0;
        if (result.isSucceeded() && answered && response.getStatus() / 100 == 2) {
            return new Outcome.Delivered(response.getStatus());
        }
        if (answered && (result.isSucceeded() || result.getResponseFailure() == null)) {
            var retryAfter = RetryPolicy.parseRetryAfter(response.getHeaders().get(HttpHeader.RETRY_AFTER),
                    clock.instant());
            return new Outcome.Failed(Optional.of(response.getStatus()), "the receiver answered "
                    + response.getStatus(), retryAfter);
        }
        return failed(reason(result.getFailure()));
    }

    private String reason(Throwable failure) {
        var refusal = GuardedHttpClient.refusal(failure);
        if (refusal != null) {
            return "not sent: " + refusal.getMessage();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "no answer within " + describe(timeout);
            }
            if (t instanceof ConnectException) {
                return "the connection was refused";
            }
        }
        if (failure instanceof IOException || failure == null || failure.getMessage() == null) {
            return "the connection failed" + (failure == null || failure.getMessage() == null ? ""
                    : ": " + failure.getMessage());
        }
        return "the request failed: " + failure.getMessage();
    }

    private static Outcome failed(String reason) {
        return new Outcome.Failed(Optional.empty(), reason, Optional.empty());
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        http.close();
    }
}
