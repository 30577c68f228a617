package io.wagate.message;

import io.wagate.engine.EngineSession.PresenceState;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.session.Session;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Anti-ban send pacing ({@code config.pacing}): a paced session's messages leave one at a time, in
 * arrival order, a random delay apart, optionally each after a typing indicator as long as a
 * person would need to type it. Each API call waits for its own message and answers when it is
 * sent. Calls wait on virtual threads, so a long queue costs no platform threads.
 */
final class SendPacer {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SendPacer.class);
    /** How long a person types: per character, within bounds. */
    static final Duration TYPING_PER_CHAR = Duration.ofMillis(50);
    static final Duration TYPING_MIN = Duration.ofMillis(500);
    static final Duration TYPING_MAX = Duration.ofSeconds(10);

    private final SessionService sessions;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    SendPacer(SessionService sessions) {
        this.sessions = sessions;
    }

    /** One session's queue: a fair lock hands out turns in arrival order. */
    private static final class Lane {
        final ReentrantLock turn = new ReentrantLock(true);
        final AtomicInteger waiting = new AtomicInteger();
        /** When the previous message left (System.nanoTime); guarded by {@code turn}. */
        long lastSentNanos;
        boolean sentBefore;
    }

    /**
     * Runs {@code send} in the session's turn. {@code typedChars} sizes the typing indicator.
     * More than {@code maxQueue} sends waiting → 429 with a Retry-After estimate.
     */
    <T> T paced(Session session, SessionConfig.Pacing pacing, ChatId chatId, int typedChars,
                Supplier<T> send) {
        var lane = lanes.computeIfAbsent(session.id(), id -> new Lane());
        int ahead = lane.waiting.incrementAndGet();
        try {
            if (ahead > pacing.queueLimit()) {
                long averageGapMs = (pacing.min() + pacing.max()) / 2L;
                throw ApiException.tooManyRequests("session '" + session.name() + "' already has "
                        + pacing.queueLimit() + " messages waiting to be paced (config.pacing.maxQueue); retry later",
                        Math.ceilDiv(averageGapMs * (ahead - 1), 1000));
            }
            lane.turn.lockInterruptibly();
            try {
                waitForTurn(session, pacing, lane, chatId, typedChars);
                try {
                    return send.get();
                } finally {
                    lane.lastSentNanos = System.nanoTime();
                    lane.sentBefore = true;
                }
            } finally {
                lane.turn.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is shutting down; the message was not sent");
        } finally {
            lane.waiting.decrementAndGet();
        }
    }

    private void waitForTurn(Session session, SessionConfig.Pacing pacing, Lane lane, ChatId chatId,
                             int typedChars) throws InterruptedException {
        long gapMs = pacing.min() + ThreadLocalRandom.current().nextLong(pacing.max() - pacing.min() + 1L);
        long typingMs = pacing.showsTyping() ? typingTime(typedChars).toMillis() : 0;
        if (lane.sentBefore) {
            // The typing is part of the gap: the next message starts being "typed" before the gap ends.
            long startTypingAt = lane.lastSentNanos + Duration.ofMillis(gapMs - typingMs).toNanos();
            sleepUntil(startTypingAt);
        }
        if (typingMs > 0) {
            showPresence(session, PresenceState.TYPING, chatId);
            Thread.sleep(typingMs);
            showPresence(session, PresenceState.PAUSED, chatId);
        }
    }

    /** Best effort: an engine that cannot show typing still sends; a stopped session fails the send itself. */
    private void showPresence(Session session, PresenceState state, ChatId chatId) {
        try {
            sessions.runWithEngine(current(session), engine -> engine.setPresence(state, Optional.of(chatId)));
        } catch (ApiException e) {
            log.debug("session {} could not show {} in {}: {}", session.name(), state, chatId, e.getMessage());
        }
    }

    static Duration typingTime(int chars) {
        var time = TYPING_PER_CHAR.multipliedBy(Math.max(0, chars));
        return time.compareTo(TYPING_MIN) < 0 ? TYPING_MIN : time.compareTo(TYPING_MAX) > 0 ? TYPING_MAX : time;
    }

    /** The session as it is now: it may have stopped while the message waited (then 409). */
    private Session current(Session session) {
        return sessions.byId(session.id()).orElseThrow(() -> ApiException.notFound(
                "session '" + session.name() + "' was deleted before the message was sent"));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
