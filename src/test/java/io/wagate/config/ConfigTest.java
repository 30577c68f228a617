package io.wagate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void theHttpConnectionSettingsAreRead() {
        assertThat(Config.fromEnvironment(Map.of()).http()).isEqualTo(new Config.HttpSettings(Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 1024, 512));
        var set = Config.fromEnvironment(Map.of("WAGATE_SHUTDOWN_GRACE_S", "3", "WAGATE_HTTP_HEADER_TIMEOUT_S", "4",
                "WAGATE_HTTP_IDLE_TIMEOUT_S", "5", "WAGATE_HTTP_ACCEPT_BACKLOG", "6",
                "WAGATE_HTTP_MAX_CONNECTIONS_PER_IP", "7")).http();
        assertThat(set).isEqualTo(new Config.HttpSettings(Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(5), 6, 7));
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_HTTP_HEADER_TIMEOUT_S", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_HTTP_HEADER_TIMEOUT_S");
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
    void theMediaStoreIsLocalUnlessS3IsNamedWithEverythingItNeeds() {
        assertThat(Config.fromEnvironment(Map.of()).mediaStore()).isEqualTo(new MediaStoreConfig.Local());
        var s3 = Map.of("WAGATE_MEDIA_STORE", "S3", "WAGATE_S3_ENDPOINT", "http://minio:9000",
                "WAGATE_S3_BUCKET", "wagate-media", "WAGATE_S3_ACCESS_KEY", "access", "WAGATE_S3_SECRET_KEY", "secret",
                "WAGATE_S3_PATH_STYLE", "true");
        assertThat(Config.fromEnvironment(s3).mediaStore()).isEqualTo(new MediaStoreConfig.S3(
                Optional.of(URI.create("http://minio:9000")), "wagate-media", "us-east-1", "access", "secret", true));
        assertThat(Config.fromEnvironment(s3).mediaStore().toString()).doesNotContain("secret").doesNotContain("access");
        // Amazon S3 itself: no endpoint, the region says where; virtual-host style by default.
        var aws = new HashMap<>(s3);
        aws.remove("WAGATE_S3_ENDPOINT");
        aws.remove("WAGATE_S3_PATH_STYLE");
        aws.put("WAGATE_S3_REGION", "eu-central-1");
        assertThat(Config.fromEnvironment(aws).mediaStore()).isEqualTo(new MediaStoreConfig.S3(Optional.empty(),
                "wagate-media", "eu-central-1", "access", "secret", false));

        for (String required : List.of("WAGATE_S3_BUCKET", "WAGATE_S3_ACCESS_KEY", "WAGATE_S3_SECRET_KEY")) {
            var missing = new HashMap<>(s3);
            missing.remove(required);
            assertThatThrownBy(() -> Config.fromEnvironment(missing)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(required + " is required with WAGATE_MEDIA_STORE=s3");
        }
        var badEndpoint = new HashMap<>(s3);
        badEndpoint.put("WAGATE_S3_ENDPOINT", "minio:9000");
        assertThatThrownBy(() -> Config.fromEnvironment(badEndpoint)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("WAGATE_S3_ENDPOINT");
        var badStyle = new HashMap<>(s3);
        badStyle.put("WAGATE_S3_PATH_STYLE", "maybe");
        assertThatThrownBy(() -> Config.fromEnvironment(badStyle)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("WAGATE_S3_PATH_STYLE");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_MEDIA_STORE", "ftp")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_MEDIA_STORE must be local or s3");
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

    @Test
    void extraCaCertificatesForTheBridgeAreAReadableFileOrStartUpStops(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(Config.fromEnvironment(Map.of()).baileys().caCerts()).isEmpty();
        assertThat(Config.fromEnvironment(Map.of("WAGATE_BAILEYS_CA_CERTS", pem.toString())).baileys().caCerts())
                .contains(pem);
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_BAILEYS_CA_CERTS", dir.resolve("none.pem").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_BAILEYS_CA_CERTS");
    }

    @Test
    void theWhatsAppWebVersionIsPinnedOrReadFromAUrl() {
        var defaults = Config.fromEnvironment(Map.of()).baileys();
        assertThat(defaults.waVersion()).isEmpty();
        assertThat(defaults.waVersionUrl()).hasToString("https://web.whatsapp.com/sw.js");
        var set = Config.fromEnvironment(Map.of("WAGATE_WA_VERSION", "2.3000.1043857760",
                "WAGATE_WA_VERSION_URL", "http://127.0.0.1:8089/sw.js")).baileys();
        assertThat(set.waVersion()).contains("2.3000.1043857760");
        assertThat(set.waVersionUrl()).hasToString("http://127.0.0.1:8089/sw.js");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_WA_VERSION", "2.3000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_WA_VERSION");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_WA_VERSION_URL", "ftp://x/sw.js")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_WA_VERSION_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_WA_VERSION_URL", "not a url")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_WA_VERSION_URL");
    }

    @Test
    void theBindAddressAndDeniedTargetsAreRead() {
        assertThat(Config.fromEnvironment(Map.of()).net()).isEqualTo(Config.NetConfig.defaults());
        var config = Config.fromEnvironment(Map.of("WAGATE_BIND", "127.0.0.1",
                "WAGATE_DENY_TARGETS", "10.20.0.0/16, 2001:db8:1::/48,8.8.8.8"));
        assertThat(config.net().bind()).contains("127.0.0.1");
        assertThat(config.net().denyTargets()).extracting(Object::toString)
                .containsExactly("10.20.0.0/16", "2001:db8:1:0:0:0:0:0/48", "8.8.8.8/32");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_BIND", "my-host")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_BIND");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_DENY_TARGETS", "10.0.0.0/40")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_DENY_TARGETS");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("WAGATE_DENY_TARGETS", "intranet.example")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_DENY_TARGETS");
    }
}
