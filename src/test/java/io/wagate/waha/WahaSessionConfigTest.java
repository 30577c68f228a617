package io.wagate.waha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.error.ApiException;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionConfig.WebhookConfig;
import io.wagate.session.SessionConfig.WebhookConfig.CustomHeader;
import io.wagate.waha.WahaSessionConfig.ProxyConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WAHA's session config to wagate's and back: the proxy object, and secrets never shown yet kept. */
class WahaSessionConfigTest {
    private static WahaSessionConfig withProxy(ProxyConfig proxy) {
        return new WahaSessionConfig(null, proxy, null, null, null, null, null, null, null);
    }

    private static WahaSessionConfig withWebhooks(List<WebhookConfig> webhooks) {
        return new WahaSessionConfig(Map.of(), null, webhooks, true, null, null, null, null, null);
    }

    @Test
    void aProxyObjectBecomesAUrlAndIsShownWithItsPasswordMasked() {
        var config = withProxy(new ProxyConfig("127.0.0.1:3128", "u ser", "p@ss:w/rd")).toConfig();
        assertThat(config.proxy()).isEqualTo("http://u%20ser:p%40ss%3Aw%2Frd@127.0.0.1:3128");
        assertThat(WahaSessionConfig.of(config).proxy()).isEqualTo(new ProxyConfig("127.0.0.1:3128", "u ser", "***"));

        var socks = withProxy(new ProxyConfig("socks5://10.0.0.1:1080", null, null)).toConfig();
        assertThat(socks.proxy()).isEqualTo("socks5://10.0.0.1:1080");
        assertThat(WahaSessionConfig.of(socks).proxy()).isEqualTo(new ProxyConfig("socks5://10.0.0.1:1080", null, null));
    }

    @Test
    void aProxyWithoutServerOrWithUserInfoInItIsA400() {
        assertThatThrownBy(() -> withProxy(new ProxyConfig(null, "u", "p")).toConfig())
                .isInstanceOf(ApiException.class).hasMessageContaining("config.proxy.server is required");
        assertThatThrownBy(() -> withProxy(new ProxyConfig("http://u:p@host:1", null, null)).toConfig())
                .isInstanceOf(ApiException.class).hasMessageContaining("username and password");
    }

    @Test
    void aCustomHeaderGivenBackMaskedKeepsItsStoredValueAndPacingStays() {
        var pacing = new SessionConfig.Pacing(100, 200, true, null);
        var stored = new SessionConfig(List.of(new WebhookConfig("http://127.0.0.1:9/h", List.of("message"), null,
                null, List.of(new CustomHeader("Authorization", "Bearer secret")))), Map.of(), null, pacing);
        var shown = WahaSessionConfig.of(stored);
        assertThat(shown.webhooks().getFirst().customHeaders()).containsExactly(new CustomHeader("Authorization", "***"));

        var again = withWebhooks(shown.webhooks()).over(stored);
        assertThat(again.webhooks().getFirst().customHeaders())
                .containsExactly(new CustomHeader("Authorization", "Bearer secret"));
        assertThat(again.pacing()).isEqualTo(pacing);

        var unknown = withWebhooks(List.of(new WebhookConfig("http://127.0.0.1:9/other", List.of("message"), null,
                null, List.of(new CustomHeader("Authorization", "***")))));
        assertThatThrownBy(() -> unknown.over(stored)).isInstanceOf(ApiException.class)
                .hasMessageContaining("Authorization", "none is stored");
    }
}
