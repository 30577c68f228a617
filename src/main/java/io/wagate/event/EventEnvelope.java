package io.wagate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.ids.ChatId;
import java.util.Map;

/**
 * The body of a webhook request and of a WebSocket frame. Serialized once per event,
 * so every receiver gets exactly the same bytes, which is what its HMAC covers.
 */
public record EventEnvelope(String id, long timestamp, String event, String session, Map<String, String> metadata,
                            MeRef me, Object payload, String engine, Environment environment) {

    public record MeRef(ChatId id, String pushName,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        io.wagate.engine.Restrictions restrictions) {}

    /** Which wagate produced the event: its version and the node (host) it runs on. */
    public record Environment(String version, String node) {}

    public static EventEnvelope of(Event event, Environment environment) {
        var me = event.session().me().map(m -> new MeRef(m.id(), m.pushName(), m.restrictions())).orElse(null);
        return new EventEnvelope(event.id(), event.timestamp().toEpochMilli(), event.name().wire(),
                event.session().name(), event.session().metadata(), me, event.payload(), event.session().engine(),
                environment);
    }

    /** Serializes envelopes; a payload that cannot be written is a programming error. */
    public record Writer(ObjectMapper mapper, Environment environment) {
        public byte[] bytes(Event event) {
            try {
                return mapper.writeValueAsBytes(of(event, environment));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("event " + event.name().wire() + " cannot be serialized", e);
            }
        }
    }
}
