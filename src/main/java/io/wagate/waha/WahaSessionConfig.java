package io.wagate.waha;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.error.ApiException;
import io.wagate.session.SessionConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * WAHA's SessionConfig. Webhooks and metadata are wagate's own (the same shape); the proxy is an object here and
 * a URL in wagate. WAHA's engine settings ({@code debug, ignore, client, noweb, gows, webjs}) are accepted so
 * WAHA's requests pass, and have no effect: wagate has one WhatsApp engine of its own, configured by itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WahaSessionConfig(Map<String, String> metadata, ProxyConfig proxy,
                                List<SessionConfig.WebhookConfig> webhooks, Boolean debug, JsonNode ignore,
                                JsonNode client, JsonNode noweb, JsonNode gows, JsonNode webjs) {
    /** What a secret is shown as; given back, it stands for the stored one. */
    static final String MASK = "***";

    /**
     * {@code server} is {@code host:port} (an HTTP proxy, as WAHA's) or a URL without user info
     * ({@code socks5://host:port}); the user and password go into the URL wagate keeps.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProxyConfig(String server, String username, String password) {
        String toUrl() {
            if (server == null || server.isBlank()) {
                throw ApiException.badRequest("config.proxy.server is required (host:port)");
            }
            String scheme = "http";
            String rest = server.trim();
            int sep = rest.indexOf("://");
            if (sep >= 0) {
                scheme = rest.substring(0, sep);
                rest = rest.substring(sep + 3);
            }
            if (rest.contains("@")) {
                throw ApiException.badRequest("config.proxy.server takes no user info: use username and password");
            }
            String user = username == null || username.isEmpty() ? ""
                    : encode(username) + (password == null ? "" : ":" + encode(password)) + "@";
            return scheme + "://" + user + rest;
        }

        /** A wagate proxy URL (already redacted: its password, if any, is the mask) as WAHA shows it. */
        static ProxyConfig of(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                return new ProxyConfig(url, null, null);
            }
            String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            String server = "http".equalsIgnoreCase(uri.getScheme()) ? hostPort : uri.getScheme() + "://" + hostPort;
            String info = uri.getRawUserInfo();
            if (info == null) {
                return new ProxyConfig(server, null, null);
            }
            int colon = info.indexOf(':');
            return colon < 0 ? new ProxyConfig(server, decode(info), null)
                    : new ProxyConfig(server, decode(info.substring(0, colon)), MASK);
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    /** wagate's config from this one, for a new session. */
    SessionConfig toConfig() {
        return new SessionConfig(webhooks, metadata, proxy == null ? null : proxy.toUrl(), null);
    }

    /**
     * wagate's config from this one over {@code stored}: {@code pacing}, which WAHA has not, is kept, and a
     * custom header given back as shown ({@value #MASK}) keeps its stored value (the proxy password's mask is
     * resolved by the session service the same way).
     */
    SessionConfig over(SessionConfig stored) {
        var given = webhooks == null ? null : webhooks.stream().map(w -> keepingHeaders(w, stored)).toList();
        return new SessionConfig(given, metadata, proxy == null ? null : proxy.toUrl(), stored.pacing(), stored.business(),
                stored.statuses());
    }

    private static SessionConfig.WebhookConfig keepingHeaders(SessionConfig.WebhookConfig given, SessionConfig stored) {
        if (given.customHeaders() == null) {
            return given;
        }
        var before = stored.webhooks().stream().filter(w -> w.url() != null && w.url().equals(given.url()))
                .findFirst().flatMap(w -> java.util.Optional.ofNullable(w.customHeaders())).orElse(List.of());
        var headers = given.customHeaders().stream().map(h -> !MASK.equals(h.value()) ? h : before.stream()
                .filter(b -> b.name() != null && b.name().equalsIgnoreCase(h.name())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("customHeaders '" + h.name() + "' of webhook " + given.url()
                        + " has the value " + MASK + ", which stands for a stored value, and none is stored")))
                .toList();
        return new SessionConfig.WebhookConfig(given.url(), given.events(), given.hmac(), given.retries(), headers);
    }

    /** A stored config as WAHA shows it: secrets masked (custom header values) or left out (HMAC keys). */
    static WahaSessionConfig of(SessionConfig stored) {
        var shown = stored.redacted();
        var webhooks = shown.webhooks().stream().map(w -> new SessionConfig.WebhookConfig(w.url(), w.events(), null,
                w.retries(), w.customHeaders() == null ? null : w.customHeaders().stream()
                        .map(h -> new SessionConfig.WebhookConfig.CustomHeader(h.name(), MASK)).toList())).toList();
        return new WahaSessionConfig(shown.metadata().isEmpty() ? null : shown.metadata(),
                shown.proxy() == null ? null : ProxyConfig.of(shown.proxy()), webhooks.isEmpty() ? null : webhooks,
                null, null, null, null, null, null);
    }
}
