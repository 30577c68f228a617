package io.wagate.stream;

import io.wagate.event.Event;
import io.wagate.event.EventName;
import java.util.Optional;
import java.util.Set;

/**
 * What one WebSocket client receives: the events of {@code events} of one account's sessions, of
 * one session ({@code sessionId}) or of all of them, including sessions created after it connected.
 */
public record Subscription(String accountId, Optional<String> sessionId, Set<EventName> events) {
    public Subscription {
        events = Set.copyOf(events);
    }

    public boolean matches(Event event) {
        return matches(event.session().accountId(), event.session().id(), event.name());
    }

    public boolean matches(String eventAccountId, String eventSessionId, EventName name) {
        return events.contains(name) && eventAccountId.equals(accountId)
                && sessionId.map(eventSessionId::equals).orElse(true);
    }
}
