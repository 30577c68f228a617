package io.wagate.idempotency;

import io.wagate.error.ApiException;
import io.wagate.ids.Sha256;
import io.wagate.node.NodeInstances;
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
 * with another body, or while the first still runs, is a 409. A request that failed before its send
 * stored a message keeps nothing, so it may be retried with the same key; one that failed after (the
 * message was sent) keeps that message as its answer, so a retry is replayed and nothing is sent twice.
 *
 * <p>A claim names the process running it ({@link NodeInstances}). One left by a process that is gone
 * (a crash) does not block: the message its send stored was written onto the claim in the message's
 * own transaction ({@link RunningClaims}), so a retry is replayed from that message, or, when the
 * send stored nothing, runs.
 */
public final class Idempotency {
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,200}$");

    /** An answer: kept after the first run, replayed after that. */
    public record Answer(int status, String body, boolean replayed) {}

    /** Answers a send that a gone process stored but never answered, from its stored message. */
    @FunctionalInterface
    public interface StoredSends {
        Optional<Answer> answer(String sessionId, String messageId);
    }

    private final IdempotencyStore store;
    private final NodeInstances instances;
    private final RunningClaims running;
    private final StoredSends storedSends;
    private final Clock clock;
    /** When expired keys were last deleted: at most once a minute, not by every send. */
    private final AtomicLong lastPruned = new AtomicLong();

    public Idempotency(IdempotencyStore store, NodeInstances instances, RunningClaims running,
                       StoredSends storedSends, Clock clock) {
        this.store = store;
        this.instances = instances;
        this.running = running;
        this.storedSends = storedSends;
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
        if (earlier.isEmpty() && store.claim(accountId, key, hash, instances.self(), now)) {
            return runFirst(accountId, key, request);
        }
        var entry = store.find(accountId, key).orElseThrow(() -> ApiException.conflict(
                "a request with this Idempotency-Key just finished without an answer; retry"));
        if (!entry.requestHash().equals(hash)) {
            throw ApiException.conflict("this Idempotency-Key was used with a different request");
        }
        if (entry.status() == 0) {
            return leftOver(accountId, key, entry, request);
        }
        return new Answer(entry.status(), entry.body(), true);
    }

    /** A claim still running: a 409 while its process lives; else replayed from its message, or run. */
    private Answer leftOver(String accountId, String key, IdempotencyStore.Entry entry, Supplier<Answer> request) {
        if (instances.isLive(entry.instanceId())) {
            throw ApiException.conflict("a request with this Idempotency-Key is still running");
        }
        if (entry.messageId() != null) {
            var stored = storedSends.answer(entry.sessionId(), entry.messageId());
            if (stored.isPresent()) {
                store.complete(accountId, key, stored.get().status(), stored.get().body());
                return new Answer(stored.get().status(), stored.get().body(), true);
            }
            // Its message is gone since (its session was deleted): nothing to replay; the retry runs.
            store.release(accountId, key);
            return once(accountId, key, request, entry.requestHash());
        }
        if (store.takeOver(accountId, key, entry.instanceId(), instances.self(), clock.millis())) {
            return runFirst(accountId, key, request);
        }
        throw ApiException.conflict("a request with this Idempotency-Key is still running");
    }

    /** After a release: claims again, or answers as for any key someone else got to first. */
    private Answer once(String accountId, String key, Supplier<Answer> request, String hash) {
        if (store.claim(accountId, key, hash, instances.self(), clock.millis())) {
            return runFirst(accountId, key, request);
        }
        throw ApiException.conflict("a request with this Idempotency-Key is still running");
    }

    private Answer runFirst(String accountId, String key, Supplier<Answer> request) {
        try {
            var answer = running.during(new RunningClaims.Claim(accountId, key), request);
            store.complete(accountId, key, answer.status(), answer.body());
            pruneNowAndThen();
            return answer;
        } catch (RuntimeException e) {
            settleFailed(accountId, key, e);
            throw e;
        }
    }

    /**
     * A request that failed: when its send had stored its message (the message was sent; what failed came after,
     * such as storing its webhook deliveries), the key is completed from that message, so a retry is replayed
     * instead of sending it again; otherwise the key is released and a retry runs. When even that fails (the
     * store is closing), the claim stays running and is settled after the restart like a crash's.
     */
    private void settleFailed(String accountId, String key, RuntimeException failure) {
        try {
            var entry = store.find(accountId, key);
            var stored = entry.filter(e -> e.messageId() != null)
                    .flatMap(e -> storedSends.answer(e.sessionId(), e.messageId()));
            if (stored.isPresent()) {
                store.complete(accountId, key, stored.get().status(), stored.get().body());
            } else {
                store.release(accountId, key);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
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
