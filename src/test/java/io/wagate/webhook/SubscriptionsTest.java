package io.wagate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.config.Config;
import io.wagate.engine.SessionStatus;
import io.wagate.event.EventName;
import io.wagate.net.TargetGuard;
import io.wagate.session.Session;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionConfig.WebhookConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
    private static final WebhookRules RULES = new WebhookRules(new TargetGuard(false, host -> {
        throw new java.net.UnknownHostException(host);
    }));

    private static Session session(String accountId, WebhookConfig... webhooks) {
        return new Session("ses_1", accountId, "s", "sandbox", SessionStatus.WORKING, true,
                new SessionConfig(List.of(webhooks), Map.of(), null, null), Optional.empty(), Optional.empty(), Instant.EPOCH);
    }

    private static WebhookConfig hook(String url, List<String> events) {
        return new WebhookConfig(url, events, null, null, null);
    }

    @Test
    void theServerWideWebhookIsAddedUnlessTheSessionHasItsUrl() {
        var settings = Config.WebhookSettings.defaults().withServerWebhook("https://ops.example.com/all",
                List.of("message", "session.status"), "ops-key");
        var subscriptions = new Subscriptions(settings, RULES, account -> false);

        var plain = session("acc_1", hook("https://a.example.com/h", List.of("message")));
        assertThat(subscriptions.forEvent(plain, EventName.MESSAGE)).extracting(Target::url)
                .containsExactlyInAnyOrder("https://ops.example.com/all", "https://a.example.com/h");
        assertThat(subscriptions.forEvent(plain, EventName.SESSION_STATUS)).extracting(Target::url)
                .containsExactly("https://ops.example.com/all");
        assertThat(subscriptions.target(plain, "https://ops.example.com/all").orElseThrow().trusted())
                .as("the operator's webhook may reach private targets").isTrue();
        assertThat(subscriptions.target(plain, "https://ops.example.com/all").orElseThrow().hmacKey()).contains("ops-key");

        var own = session("acc_1", hook("https://ops.example.com/all", List.of("message.any")));
        assertThat(subscriptions.forEvent(own, EventName.MESSAGE)).isEmpty();
        assertThat(subscriptions.forEvent(own, EventName.MESSAGE_ANY)).hasSize(1);
        assertThat(subscriptions.target(own, "https://ops.example.com/all").orElseThrow().trusted()).isFalse();
    }

    @Test
    void anEntryStoredBeforeEntriesWereCheckedIsSkippedNotFatal() {
        var subscriptions = new Subscriptions(Config.WebhookSettings.defaults(), RULES, account -> true);
        var session = session("acc_admin", hook("https://a.example.com/old", List.of("message.sent")),
                hook("https://a.example.com/ok", List.of("*")));

        assertThat(subscriptions.forEvent(session, EventName.MESSAGE)).extracting(Target::url)
                .containsExactly("https://a.example.com/ok");
        assertThat(subscriptions.target(session, "https://a.example.com/ok").orElseThrow().trusted()).isTrue();
        assertThat(subscriptions.target(session, "https://a.example.com/old")).isEmpty();
    }
}
