package io.wagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The webhook deliveries of the emulator tests' sessions, all to one receiver. */
final class Webhooks implements AutoCloseable {
    private final Receiver receiver = Receiver.start();

    /** A session config subscribing every event to the receiver. */
    Map<String, Object> config() {
        return Map.of("webhooks", List.of(Map.of("url", receiver.url("/events"), "events", List.of("*"))));
    }

    Optional<JsonNode> event(String session, String event, Predicate<JsonNode> payload) {
        return events(session, event).stream().filter(payload).findFirst();
    }

    List<JsonNode> events(String session, String event) {
        return receiver.requests("/events").stream().map(Receiver.Request::json)
                .filter(e -> e.path("session").asText().equals(session) && e.path("event").asText().equals(event))
                .map(e -> e.path("payload")).toList();
    }

    JsonNode await(String session, String event, Predicate<JsonNode> payload) {
        return await(session, event, payload, Duration.ofSeconds(20));
    }

    /** Waits for the event; a timeout names the events of that kind the session did get. */
    JsonNode await(String session, String event, Predicate<JsonNode> payload, Duration atMost) {
        try {
            return org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .until(() -> event(session, event, payload), Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var got = receiver.requests("/events").stream().map(Receiver.Request::json)
                    .filter(r -> r.path("session").asText().equals(session) && r.path("event").asText().startsWith(event))
                    .map(JsonNode::toString).toList();
            throw new AssertionError("no matching " + event + " at " + session + " in " + atMost + "; got " + got, e);
        }
    }

    @Override
    public void close() {
        receiver.close();
    }
}
