package io.wagate.event;

/**
 * Receives every event on the thread that produced it, in the order the engine reported them.
 * Must not block on anything slow: a subscriber that delivers over the network queues the work.
 * Throwing fails the engine step that caused the event (a send is then not acknowledged).
 */
@FunctionalInterface
public interface EventSubscriber {
    void onEvent(Event event);

    /**
     * The events one engine event became (an incoming message is {@code message} and {@code message.any}), in
     * order. One at a time by default; a subscriber that stores events may store them together.
     */
    default void onEvents(java.util.List<Event> events) {
        for (var event : events) {
            onEvent(event);
        }
    }
}
