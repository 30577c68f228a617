package io.wagate.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionConfig.WebhookConfig;
import io.wagate.session.SessionConfig.WebhookConfig.CustomHeader;
import io.wagate.session.SessionConfig.WebhookConfig.Retries;
import io.wagate.session.SessionService;
import io.wagate.webhook.Delivery.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The webhooks API of a session (README "Webhooks"): its entries are the session's
 * {@code config.webhooks}, one per URL, so a session create or PUT and these routes edit the same list; and its
 * deliveries, which can be listed and re-played.
 */
public final class WebhookService {
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    private final SessionService sessions;
    private final WebhookRules rules;
    private final Subscriptions subscriptions;
    private final WebhookOutbox outbox;

    public WebhookService(SessionService sessions, WebhookRules rules, Subscriptions subscriptions,
                          WebhookOutbox outbox) {
        this.sessions = sessions;
        this.rules = rules;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
    }

    public record Registration(String webhookUrl, List<String> events, String hmacKey, Retries retries,
                               List<CustomHeader> customHeaders) {}

    /** A webhook as clients see it: its HMAC key and custom header values (often tokens) are never shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookView(String webhookUrl, List<String> events, boolean signed, Retries retries,
                              List<CustomHeader> customHeaders) {
        static WebhookView of(WebhookConfig webhook) {
            var shown = webhook.redacted();
            return new WebhookView(shown.url(), shown.events(), webhook.hmac() != null,
                    shown.retries() == null ? RetryPolicy.DEFAULT.asConfig() : shown.retries(),
                    shown.customHeaders() == null ? List.of() : shown.customHeaders());
        }
    }

    /** Adds a webhook, or replaces the one with the same URL (never a second entry for one URL). */
    public WebhookView register(Principal principal, String sessionName, Registration request) {
        var webhook = rules.check(new WebhookConfig(request.webhookUrl(), request.events(),
                        request.hmacKey() == null ? null : new WebhookConfig.Hmac(request.hmacKey()), request.retries(),
                        request.customHeaders()),
                principal.admin(), WebhookRules.FieldNames.REGISTRATION);
        sessions.editConfig(principal, sessionName, config -> {
            var webhooks = new ArrayList<WebhookConfig>();
            boolean replaced = false;
            for (var existing : config.webhooks()) {
                if (existing.url().equals(webhook.url())) {
                    webhooks.add(webhook);
                    replaced = true;
                } else {
                    webhooks.add(existing);
                }
            }
            if (!replaced) {
                webhooks.add(webhook);
            }
            return config.withWebhooks(webhooks);
        });
        return WebhookView.of(webhook);
    }

    public List<WebhookView> list(Principal principal, String sessionName) {
        return sessions.get(principal, sessionName).config().webhooks().stream().map(WebhookView::of).toList();
    }

    /** Removes the webhook with this URL and the deliveries it still had to make. */
    public void remove(Principal principal, String sessionName, String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("webhookUrl is required");
        }
        String wanted = url.strip();
        // Decided inside the edit, under the session's config lock: a 404 leaves the config unwritten.
        var session = sessions.editConfig(principal, sessionName, config -> {
            var kept = config.webhooks().stream().filter(w -> !w.url().equals(wanted)).toList();
            if (kept.size() == config.webhooks().size()) {
                throw ApiException.notFound("session '" + sessionName + "' has no webhook " + wanted);
            }
            return config.withWebhooks(kept);
        });
        outbox.dropPending(session.id(), wanted);
    }

    /** A delivery as the deliveries API shows it, with the envelope it carries. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(String id, String webhookUrl, String eventId, String event, String status,
                               int attempts, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt,
                               Integer lastStatusCode, String lastError, Instant finishedAt,
                               @JsonRawValue String envelope) {
        static DeliveryView of(Delivery.Listed record) {
            return new DeliveryView(record.id(), record.url(), record.eventId(), record.eventName(),
                    record.status().wire(), record.attempts(), record.createdAt(), record.nextAttemptAt().orElse(null),
                    record.lastAttemptAt().orElse(null), record.lastStatus().orElse(null),
                    record.lastError().orElse(null), record.finishedAt().orElse(null), record.body());
        }
    }

    /** The session's deliveries, newest first; all of them, or those of one status. */
    public List<DeliveryView> deliveries(Principal principal, String sessionName, String status, int limit) {
        var session = sessions.get(principal, sessionName);
        Optional<Status> wanted = Optional.empty();
        if (status != null && !status.isBlank()) {
            wanted = Optional.of(Status.of(status.strip()).orElseThrow(() -> ApiException.badRequest(
                    "status must be one of pending, failed, delivered")));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        return outbox.store().list(session.id(), wanted, limit).stream().map(DeliveryView::of).toList();
    }

    /**
     * Sends a failed (or delivered) delivery again, from its first attempt, after whatever its lane still has to
     * send. Its webhook must still exist: the delivery uses its current key, headers and retries.
     */
    public DeliveryView retry(Principal principal, String sessionName, String deliveryId) {
        var session = sessions.get(principal, sessionName);
        var delivery = outbox.store().find(session.id(), deliveryId).orElseThrow(() -> ApiException.notFound(
                "session '" + sessionName + "' has no delivery " + deliveryId));
        if (delivery.status() == Status.PENDING) {
            throw ApiException.conflict("delivery " + deliveryId + " is still pending; it is sent "
                    + delivery.nextAttemptAt().map(at -> "at " + at).orElse("soon"));
        }
        if (subscriptions.target(session, delivery.url()).isEmpty()) {
            throw ApiException.conflict("the webhook " + delivery.url() + " of delivery " + deliveryId
                    + " is no longer registered");
        }
        if (outbox.requeue(session.id(), deliveryId).isEmpty()) {
            throw ApiException.conflict("delivery " + deliveryId + " is already pending again");
        }
        return outbox.store().find(session.id(), deliveryId).map(DeliveryView::of).orElseThrow(
                () -> ApiException.notFound("session '" + sessionName + "' has no delivery " + deliveryId));
    }
}
