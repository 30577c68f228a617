package io.wagate.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a user configures on a session. Webhook entries are kept as given (their delivery is the
 * webhooks feature's business); their secrets are never echoed, see {@link #redacted()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionConfig(List<WebhookConfig> webhooks, Map<String, String> metadata, String proxy) {

    public SessionConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static SessionConfig empty() {
        return new SessionConfig(List.of(), Map.of(), null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookConfig(String url, List<String> events, Hmac hmac, Retries retries,
                                List<CustomHeader> customHeaders) {
        public record Hmac(String key) {}

        public record Retries(String policy, Integer delaySeconds, Integer attempts) {}

        public record CustomHeader(String name, String value) {}
    }

    /** The config as shown to clients: webhook HMAC keys removed. */
    public SessionConfig redacted() {
        return new SessionConfig(
                webhooks.stream().map(w -> new WebhookConfig(w.url(), w.events(), null, w.retries(), w.customHeaders()))
                        .toList(),
                metadata, proxy);
    }
}
