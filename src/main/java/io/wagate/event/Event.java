package io.wagate.event;

import io.wagate.engine.Me;
import io.wagate.ids.ChatId;
import io.wagate.session.Session;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One public event as subscribers (webhooks, the WebSocket stream, metrics) receive it.
 * {@code chatId} orders deliveries: events of one chat reach a receiver in the order they happened.
 */
public record Event(String id, Instant timestamp, EventName name, Source session, Optional<ChatId> chatId,
                    Object payload) {

    /** The session an event belongs to, as it was when the event happened. */
    public record Source(String id, String accountId, String name, String engine, Map<String, String> metadata,
                         Optional<Me> me) {
        public static Source of(Session session) {
            return new Source(session.id(), session.accountId(), session.name(), session.engine(),
                    session.config().metadata(), session.me());
        }
    }
}
