package io.wagate.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.error.ApiException;
import java.util.List;
import java.util.Map;

/**
 * What a user configures on a session. {@code business}: a sandbox session's account is a WhatsApp Business
 * account (labels); default false. {@code statuses}: the session receives others' statuses; default false. Webhook entries are kept as given (their delivery is the
 * webhooks feature's business, which also checks them); their secrets are never echoed, see {@link #redacted()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionConfig(List<WebhookConfig> webhooks, Map<String, String> metadata, String proxy,
                            Pacing pacing, Boolean business, Boolean statuses) {

    public SessionConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public SessionConfig(List<WebhookConfig> webhooks, Map<String, String> metadata, String proxy, Pacing pacing) {
        this(webhooks, metadata, proxy, pacing, null, null);
    }

    /** Whether the (sandbox) account is a WhatsApp Business account. */
    public boolean businessAccount() {
        return Boolean.TRUE.equals(business);
    }

    public static SessionConfig empty() {
        return new SessionConfig(List.of(), Map.of(), null, null, null, null);
    }

    /** {@code statuses: true}: the session receives others' statuses (stories), as events and in its status list. */
    public boolean receivesStatuses() {
        return Boolean.TRUE.equals(statuses);
    }

    /** The same config with its webhooks replaced. */
    public SessionConfig withWebhooks(List<WebhookConfig> replaced) {
        return new SessionConfig(replaced, metadata, proxy, pacing, business, statuses);
    }

    /**
     * Anti-ban send pacing: a session's messages leave one at a time, a random
     * {@code minDelayMs..maxDelayMs} apart, optionally after a typing indicator; at most
     * {@code maxQueue} sends wait (more: 429). Absent: no pacing.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pacing(Integer minDelayMs, Integer maxDelayMs, Boolean typing, Integer maxQueue) {
        public static final int DEFAULT_MAX_QUEUE = 100;
        /** A day: longer delays are surely a mistake. */
        static final int MAX_DELAY_MS = 86_400_000;

        public int min() {
            return minDelayMs == null ? 0 : minDelayMs;
        }

        public int max() {
            return maxDelayMs == null ? min() : maxDelayMs;
        }

        public boolean showsTyping() {
            return Boolean.TRUE.equals(typing);
        }

        public int queueLimit() {
            return maxQueue == null ? DEFAULT_MAX_QUEUE : maxQueue;
        }

        void validate() {
            if (min() < 0 || max() > MAX_DELAY_MS || max() < min()) {
                throw ApiException.badRequest("config.pacing needs 0 <= minDelayMs <= maxDelayMs <= " + MAX_DELAY_MS);
            }
            if (queueLimit() < 1) {
                throw ApiException.badRequest("config.pacing.maxQueue must be at least 1");
            }
        }
    }

    /** Metadata is copied into every event envelope of the session, so it stays small. */
    public static final int MAX_METADATA_KEYS = 16;
    public static final int MAX_METADATA_KEY_LENGTH = 64;
    /** Keys and values together, in UTF-8. */
    public static final int MAX_METADATA_BYTES = 4096;
    public static final int MAX_PROXY_LENGTH = 2048;

    /** Rejects settings that cannot work, with a 400 naming the field. */
    public void validate() {
        if (pacing != null) {
            pacing.validate();
        }
        if (metadata.size() > MAX_METADATA_KEYS) {
            throw ApiException.badRequest("config.metadata may hold at most " + MAX_METADATA_KEYS + " keys, got "
                    + metadata.size());
        }
        long bytes = 0;
        for (var entry : metadata.entrySet()) {
            if (entry.getKey().length() > MAX_METADATA_KEY_LENGTH) {
                throw ApiException.badRequest("config.metadata keys are at most " + MAX_METADATA_KEY_LENGTH
                        + " characters");
            }
            bytes += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw ApiException.badRequest("config.metadata is larger than " + MAX_METADATA_BYTES
                    + " bytes (keys and values in UTF-8), got " + bytes);
        }
        if (proxy != null && proxy.length() > MAX_PROXY_LENGTH) {
            throw ApiException.badRequest("config.proxy is longer than " + MAX_PROXY_LENGTH + " characters");
        }
        if (proxy != null) {
            validateProxy(proxy);
        }
    }

    /** The schemes the Baileys bridge has a proxy agent for: HTTP(S) CONNECT tunnels and SOCKS. */
    private static final java.util.Set<String> PROXY_SCHEMES = java.util.Set.of("http", "https", "socks", "socks4",
            "socks4a", "socks5", "socks5h");

    private static void validateProxy(String proxy) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(proxy);
        } catch (java.net.URISyntaxException e) {
            throw ApiException.badRequest("config.proxy is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!PROXY_SCHEMES.contains(scheme)) {
            throw ApiException.badRequest("config.proxy must be an http://, https://, socks5://, socks5h://, socks4:// "
                    + "or socks4a:// URL");
        }
        if (uri.getHost() == null || scheme.startsWith("socks") && uri.getPort() < 0) {
            throw ApiException.badRequest("config.proxy needs a host" + (scheme.startsWith("socks") ? " and a port" : ""));
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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

    /**
     * The config as shown to clients: webhook HMAC keys and custom header values (often tokens) removed, the
     * proxy's password masked.
     */
    public SessionConfig redacted() {
        return new SessionConfig(webhooks.stream().map(WebhookConfig::redacted).toList(), metadata,
                redactedProxy(proxy), pacing, business, statuses);
    }

    /** The password in a proxy URL's user info replaced by {@value #MASK}; the user name stays, to tell proxies apart. */
    static String redactedProxy(String proxy) {
        if (proxy == null) {
            return null;
        }
        int authority = proxy.indexOf("://");
        if (authority < 0) {
            return proxy;
        }
        int start = authority + 3;
        int end = start;
        while (end < proxy.length() && "/?#".indexOf(proxy.charAt(end)) < 0) {
            end++;
        }
        int at = proxy.lastIndexOf('@', end - 1);
        if (at < start) {
            return proxy;
        }
        int colon = proxy.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return proxy;
        }
        return proxy.substring(0, colon + 1) + MASK + proxy.substring(at);
    }

    static final String MASK = "***";

    /**
     * This config as it is to be stored over {@code stored}: a proxy given back as it was shown (password masked)
     * keeps the stored password, so a client can PUT the config it read.
     */
    public SessionConfig keepingSecretsOf(SessionConfig stored) {
        if (proxy == null || stored.proxy == null || !proxy.equals(redactedProxy(stored.proxy))
                || proxy.equals(stored.proxy)) {
            return this;
        }
        return new SessionConfig(webhooks, metadata, stored.proxy, pacing, business, statuses);
    }
}
