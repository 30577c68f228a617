package io.wagate.message;

import io.wagate.engine.MessageContents;
import io.wagate.store.WriteQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The message_contents table. Bounded two ways: a content longer than {@link #MAX_CHARS} is not kept (media
 * messages carry URLs and keys, not the media, so this is a large text or a big thumbnail), and contents older
 * than {@link #RETENTION} are deleted, at most once per {@link #PRUNE_EVERY} as new ones are written.
 */
public final class MessageContentStore implements MessageContents {
    /** Retry receipts come within minutes; responses to an event for as long as it is upcoming. */
    public static final Duration RETENTION = Duration.ofDays(30);
    public static final int MAX_CHARS = 64 * 1024;
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private static final String UPSERT = """
            INSERT INTO message_contents (session_id, message_id, chat_id, content, stored_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (session_id, message_id)
            DO UPDATE SET chat_id = excluded.chat_id, content = excluded.content, stored_at = excluded.stored_at""";
    private static final String PRUNE = "DELETE FROM message_contents WHERE stored_at < ?";

    private final Jdbi jdbi;
    private final WriteQueue writes;
    private final Clock clock;
    private final AtomicLong nextPrune;

    public MessageContentStore(Jdbi jdbi, WriteQueue writes, Clock clock) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.clock = clock;
        this.nextPrune = new AtomicLong(clock.millis());
    }

    @Override
    public void put(String sessionId, String messageId, String chatId, String content) {
        if (content.length() > MAX_CHARS) {
            return;
        }
        long now = clock.millis();
        writes.submitStatement(UPSERT, st -> {
            st.setString(1, sessionId);
            st.setString(2, messageId);
            st.setString(3, chatId);
            st.setString(4, content);
            st.setLong(5, now);
        });
        long due = nextPrune.get();
        if (now >= due && nextPrune.compareAndSet(due, now + PRUNE_EVERY.toMillis())) {
            long cutoff = now - RETENTION.toMillis();
            writes.submitStatement(PRUNE, st -> st.setLong(1, cutoff));
        }
    }

    @Override
    public Optional<String> get(String sessionId, String messageId) {
        long cutoff = clock.millis() - RETENTION.toMillis();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT content FROM message_contents
                        WHERE session_id = :s AND message_id = :m AND stored_at >= :cutoff""")
                .bind("s", sessionId).bind("m", messageId).bind("cutoff", cutoff).mapTo(String.class).findOne());
    }
}
