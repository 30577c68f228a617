package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The bridge's writes to a session's stored state, applied one at a time in the order their lines
 * arrived (for every bridge process of the engine, so a restarted bridge's writes queue behind the old
 * one's). The bridge sends a session's next write only once the previous one was answered or timed out;
 * a write that timed out there is still ahead of the newer one here, so it can never land after it.
 * Reads are not queued: Baileys reads only what an answered write has stored.
 */
final class SessionWrites {
    static final Set<String> METHODS = Set.of("auth.creds.save", "auth.keys.set", "auth.clear", "poll.secret.save",
            "channels.seen", "inbox.keep", "inbox.done");
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor executor;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    SessionWrites(Executor executor) {
        this.executor = executor;
    }

    /** Whether this request is queued (a write naming its session); else it runs at once elsewhere. */
    static boolean queued(String method, JsonNode params) {
        return METHODS.contains(method) && params.path("session").isTextual();
    }

    /** Runs {@code task} after every write of the session queued before it; called in arrival order. */
    void execute(String session, Runnable task) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] next = new CompletableFuture[1];
        tails.compute(session, (key, tail) -> next[0] = (tail == null ? DONE : tail)
                .thenRunAsync(task, executor).exceptionally(e -> null));
        next[0].whenComplete((ignored, e) -> tails.remove(session, next[0]));
    }
}
