package io.wagate.webhook;

import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import io.wagate.event.EventName;
import io.wagate.net.TargetGuard;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionConfig.WebhookConfig;
import io.wagate.session.SessionConfig.WebhookConfig.CustomHeader;
import io.wagate.session.SessionConfig.WebhookConfig.Hmac;
import io.wagate.session.SessionConfig.WebhookConfig.Retries;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a webhook entry may be, wherever it comes from ({@code POST …/webhooks}, {@code config.webhooks} of a
 * session create or PUT): an http(s) URL the caller may reach, known event names, sane retries and headers
 * that cannot forge wagate's own. Entries are stored as this returns them, defaults filled in, so what a client
 * reads back is what is used.
 */
public final class WebhookRules implements io.wagate.session.SessionService.ConfigCheck {
    public static final int MAX_URL_LENGTH = 2048;
    /** An admin's webhooks may retry this often, from 0 s apart. */
    static final int MAX_ATTEMPTS = 100;
    /**
     * A tenant's webhooks: at most this many attempts, at least {@link #MIN_TENANT_DELAY_SECONDS} apart, so
     * that one event costs a failing receiver at most 20 requests (with delay 0 and 100 attempts, 550 events
     * once made 55,000 requests in a minute).
     */
    public static final int MAX_TENANT_ATTEMPTS = 20;
    public static final int MIN_TENANT_DELAY_SECONDS = 1;
    static final int MAX_HEADERS = 20;
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
    /** Headers wagate sets itself, or that only the HTTP client may set. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host",
            "user-agent", "transfer-encoding", "connection", "expect", "upgrade", "te", "trailer");

    /** How each part of an entry is named in the request it came from, for error messages. */
    public record FieldNames(String url, String events, String hmac, String retries, String headers) {
        public static final FieldNames REGISTRATION =
                new FieldNames("webhookUrl", "events", "hmacKey", "retries", "customHeaders");

        static FieldNames config(int index) {
            String prefix = "config.webhooks[" + index + "].";
            return new FieldNames(prefix + "url", prefix + "events", prefix + "hmac.key", prefix + "retries",
                    prefix + "customHeaders");
        }
    }

    private final TargetGuard guard;

    public WebhookRules(TargetGuard guard) {
        this.guard = guard;
    }

    /** Every entry of {@code config.webhooks} checked; one URL may appear only once. */
    @Override
    public SessionConfig check(Principal principal, SessionConfig config) {
        var checked = new ArrayList<WebhookConfig>();
        var urls = new HashSet<String>();
        for (int i = 0; i < config.webhooks().size(); i++) {
            var entry = config.webhooks().get(i);
            if (entry == null) {
                throw ApiException.badRequest("config.webhooks[" + i + "] must be an object");
            }
            var webhook = check(entry, principal.admin(), FieldNames.config(i));
            if (!urls.add(webhook.url())) {
                throw ApiException.badRequest("config.webhooks has the URL " + webhook.url()
                        + " more than once; one entry per URL");
            }
            checked.add(webhook);
        }
        return config.withWebhooks(checked);
    }

    /**
     * One entry, with defaults filled in: events {@code ["message"]}, retries exponential, 2 s, 10 attempts.
     *
     * @param trusted an admin's entry, which may target private addresses
     */
    public WebhookConfig check(WebhookConfig webhook, boolean trusted, FieldNames fields) {
        String url = url(webhook.url(), trusted, fields.url());
        var events = events(webhook.events(), fields.events());
        var hmac = webhook.hmac() == null ? null : new Hmac(hmacKey(webhook.hmac().key(), fields.hmac()));
        return new WebhookConfig(url, events, hmac, retries(webhook.retries(), trusted, fields.retries()),
                headers(webhook.customHeaders(), fields.headers()));
    }

    /** The URL as given (surrounding white space dropped), if it is one the caller may have delivered to. */
    String url(String raw, boolean trusted, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String url = raw.strip();
        if (url.length() > MAX_URL_LENGTH) {
            throw ApiException.badRequest(field + " is longer than " + MAX_URL_LENGTH + " characters");
        }
        if (!url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest(field + " must be plain ASCII without spaces (percent-encode other "
                    + "characters, use the punycode form of a host name)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field + " is not a valid URL: " + e.getReason());
        }
        try {
            guard.checkStored(uri, trusted);
        } catch (ApiException refused) {
            throw new ApiException(refused.kind(), field + " is refused: " + refused.getMessage());
        }
        return url;
    }

    /** The names in the order given, without repeats; {@code ["*"]} when all are asked for. */
    static List<String> events(List<String> given, String field) {
        if (given != null && given.stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiException.badRequest(field + " must hold event names, not null");
        }
        EventName.parseAll(given, field); // a 400 listing the valid names
        if (given == null || given.isEmpty()) {
            return EventName.DEFAULT_SUBSCRIPTION;
        }
        if (given.contains(EventName.ALL)) {
            return List.of(EventName.ALL);
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    private static String hmacKey(String key, String field) {
        if (key == null || key.isEmpty()) {
            throw ApiException.badRequest(field + " must not be empty (leave it out for unsigned deliveries)");
        }
        if (key.length() > 1024) {
            throw ApiException.badRequest(field + " is longer than 1024 characters");
        }
        return key;
    }

    static Retries retries(Retries given, boolean trusted, String field) {
        var defaults = RetryPolicy.DEFAULT;
        if (given == null) {
            return defaults.asConfig();
        }
        String policy = given.policy() == null ? defaults.kind().wire() : given.policy();
        if (RetryPolicy.Kind.of(policy).isEmpty()) {
            throw ApiException.badRequest(field + ".policy must be one of constant, linear, exponential");
        }
        int minDelay = trusted ? 0 : MIN_TENANT_DELAY_SECONDS;
        int delay = given.delaySeconds() == null ? defaults.delaySeconds() : given.delaySeconds();
        if (delay < minDelay || delay > RetryPolicy.MAX_DELAY_SECONDS) {
            throw ApiException.badRequest(field + ".delaySeconds must be between " + minDelay + " and "
                    + RetryPolicy.MAX_DELAY_SECONDS);
        }
        int maxAttempts = trusted ? MAX_ATTEMPTS : MAX_TENANT_ATTEMPTS;
        int attempts = given.attempts() == null ? defaults.attempts() : given.attempts();
        if (attempts < 1 || attempts > maxAttempts) {
            throw ApiException.badRequest(field + ".attempts must be between 1 and " + maxAttempts
                    + " (1: no retries)");
        }
        return new Retries(policy, delay, attempts);
    }

    static List<CustomHeader> headers(List<CustomHeader> given, String field) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > MAX_HEADERS) {
            throw ApiException.badRequest(field + " may hold at most " + MAX_HEADERS + " headers");
        }
        var checked = new ArrayList<CustomHeader>();
        for (int i = 0; i < given.size(); i++) {
            var header = given.get(i);
            String at = field + "[" + i + "]";
            if (header == null || header.name() == null || !HEADER_NAME.matcher(header.name()).matches()) {
                throw ApiException.badRequest(at + ".name must be an HTTP header name (letters, digits, '-', …)");
            }
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("x-webhook-")) {
                throw ApiException.badRequest(at + ".name " + header.name() + " is set by wagate itself");
            }
            if (header.value() == null) {
                throw ApiException.badRequest(at + ".value is required");
            }
            if (header.value().length() > 4096 || header.value().chars().anyMatch(c -> c < 0x20 && c != '\t'
                    || c == 0x7f)) {
                throw ApiException.badRequest(at + ".value must be at most 4096 characters without line breaks "
                        + "or control characters");
            }
            checked.add(header);
        }
        return List.copyOf(checked);
    }
}
