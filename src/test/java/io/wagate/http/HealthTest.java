package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.config.ConfigException;
import io.wagate.support.TestServer;
import org.junit.jupiter.api.Test;

class HealthTest {
    @Test
    void healthReportsTheStoreAndTheEnginesWithoutAKey() {
        try (var server = TestServer.start()) {
            var health = server.api().anonymous().get("/health");
            assertThat(health.status()).isEqualTo(200);
            var json = health.json();
            assertThat(json.path("status").asText()).isEqualTo("ok");
            assertThat(json.path("database").path("kind").asText()).isEqualTo("sqlite");
            assertThat(json.path("database").path("up").asBoolean()).isTrue();
            assertThat(json.path("engines").path("sandbox").path("up").asBoolean()).isTrue();
            assertThat(json.path("engines").path("sandbox").path("isDefault").asBoolean()).isTrue();
        }
    }

    @Test
    void anUnknownDefaultEngineStopsStartUpWithAClearMessage() {
        assertThatThrownBy(() -> TestServer.start(c -> new io.wagate.config.Config(c.port(), c.dataDir(),
                c.databaseUrl(), "whatsmeow", c.adminKey(), c.maxJsonBodyBytes(), c.sandbox(), c.media(), c.webhooks())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WAGATE_ENGINE").hasMessageContaining("sandbox");
    }
}
