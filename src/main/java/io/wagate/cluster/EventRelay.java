package io.wagate.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.event.Event;
import io.wagate.event.EventEnvelope;
import io.wagate.event.EventName;
import io.wagate.event.EventSubscriber;
import io.wagate.stream.StreamHub;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket stream across the cluster: every event this node emits goes, as the frame its clients get,
 * to the other nodes over PostgreSQL's {@code NOTIFY}, and their events come here over {@code LISTEN}; so a
 * client of {@code /v1/ws} on any node hears the account's sessions wherever they run. A frame larger than a
 * notification may carry (8000 bytes, less the routing) reaches the clients of its own node only.
 */
public final class EventRelay implements EventSubscriber, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final String CHANNEL = "wagate_events";

    private final String node;
    private final EventEnvelope.Writer envelopes;
    private final StreamHub stream;
    private final ObjectMapper mapper;
    private final Notifications channel;

    /** What travels: where from, whose, which event, and the frame as the stream writes it. */
    record Relayed(String node, String accountId, String sessionId, String event, String frame) {}

    public EventRelay(DataSource dataSource, Jdbi jdbi, String node, EventEnvelope.Writer envelopes, StreamHub stream,
                      ObjectMapper mapper) {
        this.node = node;
        this.envelopes = envelopes;
        this.stream = stream;
        this.mapper = mapper;
        this.channel = new Notifications(dataSource, jdbi, CHANNEL);
    }

    public void start() {
        channel.listen(this::deliver);
    }

    @Override
    public void onEvent(Event event) {
        String payload;
        try {
            payload = mapper.writeValueAsString(new Relayed(node, event.session().accountId(), event.session().id(),
                    event.name().name(), new String(envelopes.bytes(event), StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            log.warn("event {} could not be relayed: {}", event.id(), e.toString());
            return;
        }
        if (payload.getBytes(StandardCharsets.UTF_8).length > Notifications.MAX_PAYLOAD) {
            log.debug("event {} is too large to relay to the other nodes' streams", event.id());
            return;
        }
        channel.publish(payload, "event " + event.id());
    }

    private void deliver(String payload) {
        try {
            var relayed = mapper.readValue(payload, Relayed.class);
            if (!relayed.node().equals(node)) {
                stream.relayed(relayed.accountId(), relayed.sessionId(), EventName.valueOf(relayed.event()),
                        relayed.frame());
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.warn("a relayed event could not be read: {}", e.toString());
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
