package io.wagate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Api;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole server on PostgreSQL: a session links, and comes back linked after a restart. */
class PostgresEndToEndTest {

    @Test
    void sessionLinksAndSurvivesARestartOnPostgres() {
        try (var pg = TestPostgres.createDatabase();
             var server = TestServer.start(pg::configure)) {
            var api = server.api();
            var health = api.get("/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(health.json().path("database").path("kind").asText()).isEqualTo("postgresql");

            var created = api.post("/v1/sessions", Map.of("name", "pg", "engine", "sandbox"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            String meId = awaitWorking(api).path("me").path("id").asText();
            assertThat(meId).endsWith("@c.us");

            // An Idempotency-Key is claimed, completed and replayed on PostgreSQL too.
            var keyed = api.withHeader("X-API-Key", TestServer.ADMIN_KEY).withHeader("Idempotency-Key", "pg-once");
            var first = keyed.post("/v1/sendText", Map.of("session", "pg", "chatId", "15550000001", "text", "once"));
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            var replayed = keyed.post("/v1/sendText", Map.of("session", "pg", "chatId", "15550000001", "text", "once"));
            assertThat(replayed.status()).as(replayed.toString()).isEqualTo(201);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replayed.json().path("id").asText()).isEqualTo(first.json().path("id").asText());

            server.restart();

            var again = awaitWorking(server.api());
            assertThat(again.path("me").path("id").asText()).isEqualTo(meId);
            assertThat(server.api().get("/v1/sessions").json().findValuesAsText("name")).containsExactly("pg");
        }
    }

    private static JsonNode awaitWorking(Api api) {
        return await("session pg WORKING with me.id").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/v1/sessions/pg").json(),
                        s -> "WORKING".equals(s.path("status").asText()) && !s.path("me").path("id").asText().isEmpty());
    }
}
