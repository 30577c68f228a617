package io.wagate.webhook;

import io.wagate.config.Config.WebhookSettings;
import io.wagate.config.ConfigException;
import io.wagate.error.ApiException;
import io.wagate.event.EventName;
import io.wagate.session.Session;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionConfig.WebhookConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which webhooks hear of which events of a session: its own {@code config.webhooks} plus the server-wide
 * webhook ({@code WAGATE_WEBHOOK_URL}), which a session entry with the same URL replaces. Worked out once per
 * version of a session's config (sessions are cached, so an unchanged config is the same object), because
 * every event asks.
 */
public final class Subscriptions {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Subscriptions.class);
    private final Optional<WebhookConfig> serverWide;
    private final Predicate<String> adminAccount;
    private final Map<String, Compiled> bySession = new ConcurrentHashMap<>();
    private final Map<String, Boolean> adminAccounts = new ConcurrentHashMap<>();

    private record Compiled(SessionConfig config, Map<String, Target> byUrl, Map<EventName, List<Target>> byEvent) {}

    /**
     * @param adminAccount whether an account is the admin's (which never changes for an account)
     * @throws ConfigException when the server-wide webhook's URL or events are not usable
     */
    public Subscriptions(WebhookSettings settings, WebhookRules rules, Predicate<String> adminAccount) {
        this.adminAccount = adminAccount;
        this.serverWide = settings.url().map(url -> serverWide(settings, rules));
    }

    private static WebhookConfig serverWide(WebhookSettings settings, WebhookRules rules) {
        var entry = new WebhookConfig(settings.url().orElseThrow(), settings.events(),
                settings.hmacKey().map(WebhookConfig.Hmac::new).orElse(null), null, null);
        try {
            return rules.check(entry, true, new WebhookRules.FieldNames("WAGATE_WEBHOOK_URL", "WAGATE_WEBHOOK_EVENTS",
                    "WAGATE_WEBHOOK_HMAC_KEY", "retries", "customHeaders"));
        } catch (ApiException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The webhooks of {@code session} subscribed to {@code name}, each URL once. */
    public List<Target> forEvent(Session session, EventName name) {
        return compiled(session).byEvent().getOrDefault(name, List.of());
    }

    /** The webhook of {@code session} with this URL, as it is configured now. */
    public Optional<Target> target(Session session, String url) {
        return Optional.ofNullable(compiled(session).byUrl().get(url));
    }

    private Compiled compiled(Session session) {
        var cached = bySession.get(session.id());
        if (cached != null && cached.config() == session.config()) {
            return cached;
        }
        var fresh = compile(session);
        bySession.put(session.id(), fresh);
        return fresh;
    }

    private Compiled compile(Session session) {
        boolean trusted = adminAccounts.computeIfAbsent(session.accountId(), adminAccount::test);
        var entries = new LinkedHashMap<String, WebhookConfig>();
        serverWide.ifPresent(w -> entries.put(w.url(), w));
        for (var webhook : session.config().webhooks()) {
            entries.put(webhook.url(), webhook); // the session's own entry wins over the server-wide one
        }
        var byUrl = new LinkedHashMap<String, Target>();
        var byEvent = new EnumMap<EventName, List<Target>>(EventName.class);
        for (var webhook : entries.values()) {
            // The server-wide webhook is the operator's: trusted whoever owns the session.
            boolean fromOperator = serverWide.isPresent() && serverWide.get() == webhook;
            Target target;
            Set<EventName> names;
            try {
                target = Target.of(webhook, trusted || fromOperator);
                names = EventName.parseAll(webhook.events(), "events");
            } catch (RuntimeException e) {
                // Stored before entries were checked: skipped, so it cannot fail the session's events.
                log.warn("session {} has a webhook that cannot be used ({}); it is skipped until it is fixed",
                        session.name(), e.getMessage());
                continue;
            }
            byUrl.put(target.url(), target);
            for (var name : names) {
                byEvent.computeIfAbsent(name, n -> new ArrayList<>()).add(target);
            }
        }
        byEvent.replaceAll((name, targets) -> List.copyOf(targets));
        return new Compiled(session.config(), Map.copyOf(byUrl), byEvent);
    }

    /** Forgets a deleted session's webhooks. */
    void forget(String sessionId) {
        bySession.remove(sessionId);
    }
}
