package io.wagate.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a user configures on a session. Webhook entries are kept as given (their delivery is the
 * webhooks feature's business, which also checks them); their secrets are never echoed, see {@link #redacted()}.
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

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record CustomHeader(String name, String value) {}

        public WebhookConfig redacted() {
            return new WebhookConfig(url, events, null, retries, customHeaders == null ? null
                    : customHeaders.stream().map(h -> new CustomHeader(h.name(), null)).toList());
        }
    }

    /** The config as shown to clients: webhook HMAC keys and custom header values (often tokens) removed. */
    public SessionConfig redacted() {
        return new SessionConfig(webhooks.stream().map(WebhookConfig::redacted).toList(), metadata, proxy);
    }
}
