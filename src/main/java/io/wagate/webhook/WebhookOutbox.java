package io.wagate.webhook;

import io.wagate.config.Config.WebhookSettings;
import io.wagate.event.Event;
import io.wagate.event.EventEnvelope;
import io.wagate.event.EventSubscriber;
import io.wagate.ids.ChatId;
import io.wagate.ids.Ulid;
import io.wagate.net.GuardedHttpClient;
import io.wagate.session.SessionOwnership;
import io.wagate.session.SessionService;
import io.wagate.webhook.Delivery.LaneKey;
import io.wagate.webhook.Delivery.Queued;
import io.wagate.webhook.Delivery.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable webhook outbox. For each event, the deliveries to every webhook subscribed to it are committed
 * to the store before {@link #onEvent} returns, so an event is durable before the engine step that caused it
 * (say, a send answered 201) counts as done; an event nobody subscribed to costs no write at all. The
 * {@link Dispatcher} sends them; finished deliveries are pruned after their retention.
 */
public final class WebhookOutbox implements EventSubscriber, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);
    /** How long an event may wait for its commit before its engine step fails. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
    private static final String DELIVERY_ID_PREFIX = "dlv";

    private final SessionService sessions;
    private final Subscriptions subscriptions;
    private final EventEnvelope.Writer envelopes;
    private final Ulid ids;
    private final Clock clock;
    private final WebhookSettings settings;
    private final DeliveryStore store;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-outbox-schedule").daemon().factory());

    public WebhookOutbox(Jdbi jdbi, SessionService sessions, Subscriptions subscriptions,
                         EventEnvelope.Writer envelopes, GuardedHttpClient http, DeliveryObserver observer,
                         WebhookSettings settings, Ulid ids, Clock clock, SessionOwnership ownership) {
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.envelopes = envelopes;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.store = new DeliveryStore(jdbi);
        this.dispatcher = new Dispatcher(store, new WebhookSender(http, settings.timeout(), ids, clock), sessions,
                subscriptions, observer, clock, settings.concurrencyPerTarget(), ownership::isLocal);
    }

    /** A session came to this node: what its deliveries have pending goes on from here, without waiting for a sweep. */
    public void takeOver() {
        try {
            schedule.execute(dispatcher::sweep);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopping.
        }
    }

    /**
     * Starts writing and sending: first every lane the store still has pending deliveries for (those of before a
     * restart go out before anything new of the same lane), then a sweep now and then for stragglers, and the
     * pruning of finished deliveries.
     */
    public void start() {
        dispatcher.writer().start();
        dispatcher.sweep();
        long sweep = Dispatcher.SWEEP_INTERVAL.toMillis();
        schedule.scheduleWithFixedDelay(dispatcher::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        schedule.scheduleWithFixedDelay(this::prune, 0, PRUNE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onEvent(Event event) {
        onEvents(List.of(event));
    }

    /** The events of one engine event: stored in one transaction, so an incoming message costs one commit. */
    @Override
    public void onEvents(List<Event> events) {
        var rows = new ArrayList<Queued>();
        for (var event : events) {
            var session = sessions.byId(event.session().id());
            if (session.isEmpty()) {
                continue;
            }
            var targets = subscriptions.forEvent(session.get(), event.name());
            if (targets.isEmpty()) {
                continue;
            }
            byte[] body = envelopes.bytes(event);
            long at = event.timestamp().toEpochMilli();
            String chatKey = event.chatId().map(ChatId::value).orElse("");
            for (var target : targets) {
                var lane = new LaneKey(event.session().id(), target.url(), chatKey);
                rows.add(new Queued(ids.next(DELIVERY_ID_PREFIX), lane, 0, event.id(), event.name().wire(), at, body,
                        0, clock.millis()));
            }
        }
        if (!rows.isEmpty()) {
            await(dispatcher.writer().insert(rows), "event " + events.getFirst().id());
        }
    }

    /** Makes a finished delivery of a session pending again; empty when there is none such. */
    Optional<Queued> requeue(String sessionId, String deliveryId) {
        return await(dispatcher.writer().requeue(sessionId, deliveryId), "delivery " + deliveryId);
    }

    /** Drops what a removed webhook still had to send. */
    void dropPending(String sessionId, String url) {
        int dropped = await(dispatcher.writer().deletePending(sessionId, url), "webhook " + url);
        if (dropped > 0) {
            log.info("{} pending deliveries to a removed webhook were dropped", dropped);
        }
    }

    DeliveryStore store() {
        return store;
    }

    /** Deliveries not yet delivered nor given up (the outbox depth), from the store. */
    public long pending() {
        return store.countPending();
    }

    private void prune() {
        long now = clock.millis();
        try {
            int delivered = prune(Status.DELIVERED, now - settings.retention().toMillis());
            int failed = prune(Status.FAILED, now - settings.deadLetterRetention().toMillis());
            if (delivered + failed > 0) {
                log.info("pruned {} delivered and {} failed webhook deliveries past their retention", delivered,
                        failed);
            }
        } catch (RuntimeException e) {
            log.warn("pruning webhook deliveries failed; trying again in {}", PRUNE_INTERVAL, e);
        }
    }

    /** A chunk per transaction, so that new events are not held up meanwhile. */
    private int prune(Status status, long before) {
        String beforeId = io.wagate.ids.Ulid.floor(DELIVERY_ID_PREFIX, before);
        int total = 0;
        int deleted;
        do {
            deleted = await(dispatcher.writer().prune(status, beforeId), "pruning");
            total += deleted;
        } while (deleted == OutboxWriter.PRUNE_CHUNK);
        return total;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
        try {
            return future.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the webhook outbox stored " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the webhook outbox could not store " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the webhook outbox did not store " + what + " within " + STORE_TIMEOUT);
        }
    }

    /** Stops sending and commits what is queued; pending deliveries wait in the store for the next start. */
    @Override
    public void close() {
        schedule.shutdownNow();
        dispatcher.close();
    }
}
