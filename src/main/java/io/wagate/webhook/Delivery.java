package io.wagate.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** The outbox's rows and the values around them. */
final class Delivery {
    private Delivery() {}

    enum Status {
        PENDING, DELIVERED, FAILED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Status> of(String wire) {
            for (var status : values()) {
                if (status.wire().equals(wire)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }

    /** Deliveries that must reach their receiver one after another: one session, one webhook, one chat. */
    record LaneKey(String sessionId, String url, String chatKey) {}

    /**
     * A pending delivery as the dispatcher holds it. {@code seq} orders a lane; {@code attempts} and
     * {@code dueAt} (epoch ms) change as attempts fail; only the lane's worker touches them then.
     */
    static final class Queued {
        final String id;
        final LaneKey lane;
        final long seq;
        final String eventId;
        final String eventName;
        final long eventAt;
        final byte[] body;
        int attempts;
        long dueAt;
        /** When it is due by {@link System#nanoTime()}; worked out from {@code dueAt} when first looked at. */
        long dueNanos;
        static final long DUE_FROM_STORE = Long.MIN_VALUE;

        Queued(String id, LaneKey lane, long seq, String eventId, String eventName, long eventAt, byte[] body,
               int attempts, long dueAt) {
            this.id = id;
            this.lane = lane;
            this.seq = seq;
            this.eventId = eventId;
            this.eventName = eventName;
            this.eventAt = eventAt;
            this.body = body;
            this.attempts = attempts;
            this.dueAt = dueAt;
            this.dueNanos = DUE_FROM_STORE;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Roughly what this delivery costs in memory, for the dispatcher's budget. */
        long weight() {
            return body.length + 256L;
        }
    }

    /** What an attempt changed: the row's new state. */
    record Attempted(String id, Status status, int attempts, long nextAttemptAt, long attemptedAt,
                     Integer httpStatus, String error) {}

    /** A row as the deliveries API lists it. */
    record Listed(String id, String sessionId, String url, String eventId, String eventName, Status status,
                  int attempts, Instant createdAt, Optional<Instant> nextAttemptAt, Optional<Instant> lastAttemptAt,
                  Optional<Integer> lastStatus, Optional<String> lastError, Optional<Instant> finishedAt,
                  String body) {}
}
