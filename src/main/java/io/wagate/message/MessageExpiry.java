package io.wagate.message;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the disappearing messages whose timer ran out, now and then. Reads leave them out the moment they run
 * out (see {@link MessageStore}); this only keeps the table from holding them, so a minute's delay is fine.
 */
public final class MessageExpiry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageExpiry.class);
    public static final Duration EVERY = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("wagate-expiry").daemon().factory());

    public MessageExpiry(MessageStore store, Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                store.deleteExpired().join();
            } catch (RuntimeException e) {
                log.warn("deleting disappeared messages failed; trying again later", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
