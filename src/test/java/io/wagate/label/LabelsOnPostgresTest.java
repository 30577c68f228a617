package io.wagate.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The labels tables (upserts, a chat's labels by IN list, deletes with their marks) on PostgreSQL too. */
class LabelsOnPostgresTest {

    @Test
    void labelsAndTheirChatsWorkOnPostgres() {
        try (var pg = TestPostgres.createDatabase();
             var server = TestServer.startWithoutAutoLink(pg::configure)) {
            var api = server.api();
            assertThat(api.post("/v1/sessions", Map.of("name", "pgbiz", "engine", "sandbox",
                    "config", Map.of("business", true))).status()).isEqualTo(201);
            Sessions.awaitStatus(api, "pgbiz", "SCAN_QR_CODE");
            api.post("/v1/pgbiz/auth/pairing-code", Map.of("phoneNumber", "15556730001"));
            Sessions.awaitStatus(api, "pgbiz", "WORKING");
            api.post("/v1/sendText", Map.of("session", "pgbiz", "chatId", "15550000001", "text", "hi"));
            await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/v1/sessions/pgbiz/chats").json().size() == 1);

            var lead = api.post("/v1/sessions/pgbiz/labels", Map.of("name", "Lead", "color", 2));
            assertThat(lead.status()).as(lead.toString()).isEqualTo(201);
            assertThat(api.put("/v1/sessions/pgbiz/labels/1", Map.of("color", 3)).json().path("name").asText())
                    .isEqualTo("Lead");
            var set = api.put("/v1/sessions/pgbiz/chats/15550000001/labels", Map.of("labels", List.of("1")));
            assertThat(set.json().get(0).path("color").asInt()).as(set.toString()).isEqualTo(3);
            assertThat(api.get("/v1/sessions/pgbiz/chats").json().get(0).path("labels").get(0).path("id").asText())
                    .isEqualTo("1");
            assertThat(api.get("/v1/sessions/pgbiz/labels/1/chats").json().get(0).path("id").asText())
                    .isEqualTo("15550000001@c.us");
            assertThat(api.delete("/v1/sessions/pgbiz/labels/1").status()).isEqualTo(204);
            assertThat(api.get("/v1/sessions/pgbiz/labels").json()).isEmpty();
            assertThat(api.get("/v1/sessions/pgbiz/chats").json().get(0).path("labels")).isEmpty();
        }
    }
}
