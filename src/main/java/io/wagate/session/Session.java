package io.wagate.session;

import io.wagate.engine.Me;
import io.wagate.engine.SessionStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * One linked (or to-be-linked) WhatsApp account of an account. {@code shouldRun} is what the
 * user asked for; it decides whether the session comes back after a restart of wagate.
 */
public record Session(
        String id,
        String accountId,
        String name,
        String engine,
        SessionStatus status,
        boolean shouldRun,
        SessionConfig config,
        Optional<Me> me,
        Optional<Failure> failure,
        Instant createdAt) {

    public record Failure(String reason, Instant at) {}
}
