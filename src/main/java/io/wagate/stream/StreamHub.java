package io.wagate.stream;

import io.wagate.account.Principal;
import io.wagate.event.Event;
import io.wagate.event.EventEnvelope;
import io.wagate.event.EventName;
import io.wagate.event.EventSubscriber;
import io.wagate.metrics.StreamMetrics;
import io.wagate.session.SessionService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event stream of {@code /v1/ws}: each event goes, as the same envelope bytes a webhook
 * gets, to every connected client whose subscription it matches. Runs on the engine's thread, so it
 * only queues: a client whose queue is full is disconnected (close code 1013) rather than waited
 * for or buffered without bound.
 */
public final class StreamHub implements EventSubscriber, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    /** The {@code session} value that means every session the key may see. */
    public static final String ALL_SESSIONS = "*";
    /** RFC 6455 "Try Again Later": the client fell behind, reconnecting is fine. */
    public static final int TOO_SLOW = 1013;
    /** RFC 6455 "Going Away". */
    public static final int GOING_AWAY = 1001;
    /** RFC 6455 "Policy Violation": the key the client connected with was revoked. */
    public static final int KEY_REVOKED = 1008;

    private final SessionService sessions;
    private final EventEnvelope.Writer envelopes;
    private final int queueFrames;
    private final Duration closeGrace;
    private final StreamMetrics metrics;
    /** Whether the key of a hash is still live: asked of a client's key when keys of its account are revoked. */
    private final Predicate<String> liveKeys;
    private final Map<String, StreamClient> clients = new ConcurrentHashMap<>();
    /** Closes connections off the engine's thread, and drops those whose closing handshake does not get through. */
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ws-closer").factory());

    /**
     * {@code queueFrames}: how many frames one client may have waiting; {@code closeGrace}: how long a
     * too-slow client's closing handshake may take before the connection is dropped.
     */
    public StreamHub(SessionService sessions, EventEnvelope.Writer envelopes, int queueFrames, Duration closeGrace,
                     StreamMetrics metrics, Predicate<String> liveKeys) {
        this.sessions = sessions;
        this.liveKeys = liveKeys;
        this.envelopes = envelopes;
        this.queueFrames = queueFrames;
        this.closeGrace = closeGrace;
        this.metrics = metrics;
        metrics.clients(clients::size);
    }

    /**
     * What a client of {@code principal} asks for: {@code session} a name or {@code *} (also when
     * absent); {@code events} as a subscription names them. 404 for a session the key may not see,
     * 400 listing the valid names for an unknown event.
     */
    public Subscription subscription(Principal principal, String session, List<String> events) {
        var names = EventName.parseAll(events, "events");
        if (session == null || session.isBlank() || ALL_SESSIONS.equals(session)) {
            return new Subscription(principal.accountId(), principal.sessionId(), names);
        }
        return new Subscription(principal.accountId(), Optional.of(sessions.get(principal, session).id()), names);
    }

    /** {@code keyHash}: the key the client connected with; its stream lasts while that key is live. */
    public void connect(String clientId, Subscription subscription, String keyHash, FrameSink sink) {
        var client = new StreamClient(clientId, subscription, keyHash, sink, queueFrames);
        clients.put(clientId, client);
        client.start();
    }

    /** The connection is gone (closed by either side, or failed). */
    public void disconnected(String clientId) {
        var client = clients.remove(clientId);
        if (client != null) {
            client.stop();
        }
    }

    public int clients() {
        return clients.size();
    }

    @Override
    public void onEvent(Event event) {
        if (clients.isEmpty()) {
            return;
        }
        String frame = null;
        for (var client : clients.values()) {
            if (!client.subscription().matches(event)) {
                continue;
            }
            try {
                if (frame == null) {
                    frame = new String(envelopes.bytes(event), StandardCharsets.UTF_8);
                }
                if (!client.offer(frame)) {
                    tooSlow(client);
                }
            } catch (RuntimeException e) {
                // Never fail the engine step that caused the event because of a stream client.
                log.error("event {} could not be queued for WebSocket client {}", event.id(), client.id(), e);
            }
        }
    }

    /** An event another node of the cluster emitted, as the frame its own clients got. */
    public void relayed(String accountId, String sessionId, io.wagate.event.EventName name, String frame) {
        for (var client : clients.values()) {
            if (client.subscription().matches(accountId, sessionId, name) && !client.offer(frame)) {
                tooSlow(client);
            }
        }
    }

    /**
     * Keys of {@code accountId} were revoked: its clients whose key is no longer live are closed (1008), so a
     * revoked key does not keep its streams.
     */
    public void keysRevoked(String accountId) {
        for (var client : clients.values()) {
            if (client.subscription().accountId().equals(accountId) && !liveKeys.test(client.keyHash())) {
                end(client, KEY_REVOKED, "the API key of this stream was revoked");
            }
        }
    }

    private void tooSlow(StreamClient client) {
        if (end(client, TOO_SLOW, "too slow: " + client.capacity() + " events waiting; reconnect and read faster")) {
            metrics.tooSlow();
        }
    }

    /** Drops the client and closes its connection off the caller's thread; false when it was gone already. */
    private boolean end(StreamClient client, int code, String reason) {
        if (!clients.remove(client.id(), client)) {
            return false;
        }
        client.stop();
        log.warn("WebSocket client {} disconnected: {}", client.id(), reason);
        closer.execute(() -> client.sink().close(code, reason));
        closer.schedule(() -> client.sink().disconnect(), closeGrace.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** Tells every client the server is going away. */
    @Override
    public void close() {
        var sent = new java.util.ArrayList<CompletableFuture<Void>>();
        for (var client : clients.values()) {
            disconnected(client.id());
            try {
                sent.add(client.sink().close(GOING_AWAY, "server shutting down"));
            } catch (RuntimeException e) {
                log.debug("WebSocket client {} did not close cleanly", client.id(), e);
            }
        }
        // The server stops right after this: give the close frames a moment to leave first.
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("not every WebSocket client heard the server is going away", e);
        }
        closer.shutdownNow();
    }
}
