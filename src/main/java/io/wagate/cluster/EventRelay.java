package io.wagate.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.event.Event;
import io.wagate.event.EventEnvelope;
import io.wagate.event.EventName;
import io.wagate.event.EventSubscriber;
import io.wagate.stream.StreamHub;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
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
    /** PostgreSQL's limit on a notification's payload is 8000 bytes. */
    private static final int MAX_PAYLOAD = 7999;

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String node;
    private final EventEnvelope.Writer envelopes;
    private final StreamHub stream;
    private final ObjectMapper mapper;
    /** Notifies in the order events happened, off the engine's thread. */
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("event-relay-notify").daemon().factory());
    private volatile boolean closed;
    private volatile Thread listener;

    /** What travels: where from, whose, which event, and the frame as the stream writes it. */
    record Relayed(String node, String accountId, String sessionId, String event, String frame) {}

    public EventRelay(DataSource dataSource, Jdbi jdbi, String node, EventEnvelope.Writer envelopes, StreamHub stream,
                      ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.node = node;
        this.envelopes = envelopes;
        this.stream = stream;
        this.mapper = mapper;
    }

    public void start() {
        listener = Thread.ofPlatform().name("event-relay-listen").daemon().start(this::listen);
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
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            log.debug("event {} is too large to relay to the other nodes' streams", event.id());
            return;
        }
        try {
            publisher.execute(() -> {
                try {
                    jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
                            .bind("channel", CHANNEL).bind("payload", payload).mapTo(String.class).findOne());
                } catch (RuntimeException e) {
                    log.warn("event {} could not be relayed: {}", event.id(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                var pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (var notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("the event relay lost its connection (listening again in a second): {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
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
        closed = true;
        publisher.shutdownNow();
        var running = listener;
        if (running != null) {
            running.interrupt();
        }
    }
}
