package io.wagate.engine.sandbox;

import io.wagate.engine.EngineMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Sandbox messages between the sender's copy and the recipient's: kept durably ({@link StoredInTransit}) so that
 * a 201 means stored at both ends even across a crash, or not at all ({@link #NONE}, for engine tests without a
 * store).
 */
sealed interface InTransit permits StoredInTransit, InTransit.None {
    /**
     * A message the recipient will get, kept in one commit with what {@code alongside} writes (the sender's copy):
     * a crash keeps both or neither, so a send whose copy is stored (answered 201, or replayed as 201 to a retry
     * with its Idempotency-Key) always reaches the recipient. On the sender's thread, so its answer waits for it;
     * the answer completes once that commit is made.
     */
    CompletableFuture<Void> hold(String recipient, EngineMessage incoming, Runnable alongside);

    /** Like {@link #hold}, with nothing alongside (a group member's copy for another node); done once committed. */
    default CompletableFuture<Void> hold(String recipient, EngineMessage incoming) {
        return hold(recipient, incoming, () -> { });
    }

    /** What is in transit to {@code recipient}, oldest first (cluster mode: held by another node's sender). */
    List<EngineMessage> of(String recipient);

    /**
     * Hands {@code incoming} over by {@code receive}; once the recipient took it and what that made it store is
     * committed, the message is no longer in transit.
     */
    boolean handOver(String recipient, EngineMessage incoming, BooleanSupplier receive);

    /** The recipient will never get it (its number was released). */
    void drop(String recipient, EngineMessage incoming);

    /** What was in transit at the last stop or crash, to deliver again. */
    List<Held> all();

    /** Media files that messages in transit still need. */
    default List<Path> spooled() {
        return all().stream().flatMap(held -> held.message().media().stream()).map(EngineMessage.Media::path)
                .toList();
    }

    record Held(String recipient, EngineMessage message) {}

    None NONE = new None();

    final class None implements InTransit {
        @Override
        public CompletableFuture<Void> hold(String recipient, EngineMessage incoming, Runnable alongside) {
            alongside.run();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<EngineMessage> of(String recipient) {
            return List.of();
        }

        @Override
        public boolean handOver(String recipient, EngineMessage incoming, BooleanSupplier receive) {
            return receive.getAsBoolean();
        }

        @Override
        public void drop(String recipient, EngineMessage incoming) {
        }

        @Override
        public List<Held> all() {
            return List.of();
        }
    }
}
