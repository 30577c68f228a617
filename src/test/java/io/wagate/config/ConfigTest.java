package io.wagate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final long MB = Config.MediaConfig.MB;

    @Test
    void defaultsMatchTheReadme() {
        var config = Config.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.defaultEngine()).isEqualTo("baileys");
        assertThat(config.adminKey()).isEmpty();
        assertThat(config.maxJsonBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.sandbox().linkDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.sandbox().qrInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.sandbox().qrAttempts()).isEqualTo(5);
        assertThat(config.sandbox().autoLink()).isTrue();
        assertThat(config.media()).isEqualTo(new Config.MediaConfig(16 * MB, 64 * MB, 16 * MB, 100 * MB, false,
                Duration.ofSeconds(30)));
        assertThat(config.stream().queueFrames()).isEqualTo(256);
        assertThat(config.metrics().token()).isEmpty();
    }

    @Test
    void theStreamQueueAndTheMetricsTokenAreRead() {
        var config = Config.fromEnvironment(Map.of("WAGATE_WS_QUEUE_FRAMES", "16", "WAGATE_METRICS_TOKEN", " s3cret "));
        assertThat(config.stream().queueFrames()).isEqualTo(16);
        assertThat(config.metrics().token()).contains("s3cret");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_WS_QUEUE_FRAMES", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_WS_QUEUE_FRAMES");
    }

    @Test
    void mediaLimitsAreReadInMegabytes() {
        var media = Config.fromEnvironment(Map.of("WAGATE_MEDIA_MAX_IMAGE_MB", "5", "WAGATE_MEDIA_MAX_VIDEO_MB", "6",
                "WAGATE_MEDIA_MAX_AUDIO_MB", "7", "WAGATE_MEDIA_MAX_DOCUMENT_MB", "8",
                "WAGATE_ALLOW_PRIVATE_TARGETS", "TRUE", "WAGATE_MEDIA_DOWNLOAD_TIMEOUT_S", "3")).media();
        assertThat(media).isEqualTo(new Config.MediaConfig(5 * MB, 6 * MB, 7 * MB, 8 * MB, true, Duration.ofSeconds(3)));
        assertThat(Config.fromEnvironment(Map.of("WAGATE_ALLOW_PRIVATE_TARGETS", "0")).media().allowPrivateTargets())
                .isFalse();
    }

    @Test
    void webhookSettingsAreReadWithTheDefaultsOfTheReadme() {
        var defaults = Config.fromEnvironment(Map.of()).webhooks();
        assertThat(defaults).isEqualTo(Config.WebhookSettings.defaults());
        assertThat(defaults.url()).isEmpty();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.concurrencyPerTarget()).isEqualTo(16);
        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.deadLetterRetention()).isEqualTo(Duration.ofDays(30));

        var set = Config.fromEnvironment(Map.of("WAGATE_WEBHOOK_URL", "https://ops.example.com/all",
                "WAGATE_WEBHOOK_EVENTS", " message, session.status ,,", "WAGATE_WEBHOOK_HMAC_KEY", "k",
                "WAGATE_WEBHOOK_TIMEOUT_MS", "2500", "WAGATE_WEBHOOK_CONCURRENCY_PER_TARGET", "4",
                "WAGATE_WEBHOOK_RETENTION_DAYS", "1", "WAGATE_WEBHOOK_DEAD_LETTER_RETENTION_DAYS", "2")).webhooks();
        assertThat(set).isEqualTo(new Config.WebhookSettings(java.util.Optional.of("https://ops.example.com/all"),
                java.util.List.of("message", "session.status"), java.util.Optional.of("k"), Duration.ofMillis(2500), 4,
                Duration.ofDays(1), Duration.ofDays(2)));
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_WEBHOOK_TIMEOUT_MS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_WEBHOOK_TIMEOUT_MS");
    }

    @Test
    void valuesAreReadAndBlankMeansUnset() {
        var config = Config.fromEnvironment(Map.of("WAGATE_PORT", "8080", "WAGATE_ADMIN_KEY", "  ",
                "WAGATE_DATABASE_URL", "jdbc:postgresql://db/wagate", "WAGATE_SANDBOX_LINK_DELAY_MS", "-1"));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.adminKey()).isEmpty();
        assertThat(config.databaseUrl()).contains("jdbc:postgresql://db/wagate");
        assertThat(config.sandbox().autoLink()).isFalse();
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_PORT");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_PORT");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_SANDBOX_QR_ATTEMPTS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_SANDBOX_QR_ATTEMPTS");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_ALLOW_PRIVATE_TARGETS", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_ALLOW_PRIVATE_TARGETS");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_MEDIA_MAX_VIDEO_MB", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_MEDIA_MAX_VIDEO_MB");
    }

    @Test
    void aBaileysTrustRootIsReadAndAMalformedOneStopsStartUp() {
        String key = "ab".repeat(32);
        assertThat(Config.fromEnvironment(Map.of()).baileys().trustRoot()).isEmpty();
        assertThat(Config.fromEnvironment(Map.of("WAGATE_BAILEYS_TRUST_ROOT", key)).baileys().trustRoot()).contains(key);
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_BAILEYS_TRUST_ROOT", "abcd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_BAILEYS_TRUST_ROOT");
    }
}
