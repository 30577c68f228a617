package io.wagate.webhook;

import io.wagate.session.SessionConfig.WebhookConfig;
import io.wagate.session.SessionConfig.WebhookConfig.CustomHeader;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A webhook as a delivery uses it at the moment of sending: its current key, headers and retries (a change
 * applies to deliveries still waiting), and whether its session belongs to the admin, who may reach private
 * addresses.
 */
record Target(String url, URI uri, Optional<String> hmacKey, List<CustomHeader> headers, RetryPolicy retries,
              boolean trusted) {

    static Target of(WebhookConfig webhook, boolean trusted) {
        return new Target(webhook.url(), URI.create(webhook.url()),
                Optional.ofNullable(webhook.hmac()).map(WebhookConfig.Hmac::key),
                webhook.customHeaders() == null ? List.of() : webhook.customHeaders(),
                bounded(RetryPolicy.of(webhook.retries()), trusted), trusted);
    }

    /** A tenant's entry stored before the bounds existed is held to them when it is used. */
    private static RetryPolicy bounded(RetryPolicy policy, boolean trusted) {
        if (trusted) {
            return policy;
        }
        return new RetryPolicy(policy.kind(), Math.max(policy.delaySeconds(), WebhookRules.MIN_TENANT_DELAY_SECONDS),
                Math.min(policy.attempts(), WebhookRules.MAX_TENANT_ATTEMPTS));
    }
}
