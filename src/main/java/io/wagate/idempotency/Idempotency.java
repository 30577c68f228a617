package io.wagate.idempotency;

import io.wagate.error.ApiException;
import io.wagate.ids.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sends with an {@code Idempotency-Key}: the first request with a key runs and its answer is kept
 * for 24 hours; a repeat with the same body gets that answer again and sends nothing; the same key
 * with another body, or while the first still runs, is a 409. A request that failed keeps nothing,
 * so it may be retried with the same key.
 */
public final class Idempotency {
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,200}$");

    /** An answer: kept after the first run, replayed after that. */
    public record Answer(int status, String body, boolean replayed) {}

    private final IdempotencyStore store;
    private final Clock clock;
    /** When expired keys were last deleted: at most once a minute, not by every send. */
    private final AtomicLong lastPruned = new AtomicLong();

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Runs {@code request} once per account and key. {@code request} answers the first time (and
     * throws for failures, which keep nothing).
     */
    public Answer once(String accountId, String key, String method, String path, InputStream body,
                       Supplier<Answer> request) {
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 200 printable ASCII characters");
        }
        long now = clock.millis();
        String hash = hash(method, path, body);
        var earlier = store.find(accountId, key);
        if (earlier.isPresent() && earlier.get().createdAt() < now - RETENTION.toMillis()) {
            store.release(accountId, key);
            earlier = Optional.empty();
        }
        if (earlier.isEmpty() && store.claim(accountId, key, hash, now)) {
            return runFirst(accountId, key, request);
        }
        var entry = store.find(accountId, key).orElseThrow(() -> ApiException.conflict(
                "a request with this Idempotency-Key just finished without an answer; retry"));
        if (!entry.requestHash().equals(hash)) {
            throw ApiException.conflict("this Idempotency-Key was used with a different request");
        }
        if (entry.status() == 0) {
            throw ApiException.conflict("a request with this Idempotency-Key is still running");
        }
        return new Answer(entry.status(), entry.body(), true);
    }

    private Answer runFirst(String accountId, String key, Supplier<Answer> request) {
        try {
            var answer = request.get();
            store.complete(accountId, key, answer.status(), answer.body());
            pruneNowAndThen();
            return answer;
        } catch (RuntimeException e) {
            store.release(accountId, key);
            throw e;
        }
    }

    /** Expired keys are refused on lookup anyway; deleting them is housekeeping, done once a minute at most. */
    private void pruneNowAndThen() {
        long now = clock.millis();
        long last = lastPruned.get();
        if (now - last >= PRUNE_EVERY.toMillis() && lastPruned.compareAndSet(last, now)) {
            store.deleteOlderThan(now - RETENTION.toMillis());
        }
    }

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    /** Of the method, path and body, read as a stream: a media body can be ~134 MB, spooled to disk. */
    private static String hash(String method, String path, InputStream body) {
        try {
            return HexFormat.of().formatHex(
                    Sha256.digest((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8), body));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }
}
