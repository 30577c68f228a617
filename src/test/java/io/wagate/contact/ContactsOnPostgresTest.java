package io.wagate.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contacts table (an upsert keeping what a report leaves out, sorted by name) on PostgreSQL too. */
class ContactsOnPostgresTest {

    @Test
    void contactsAreKeptAndListedOnPostgres() {
        try (var pg = TestPostgres.createDatabase();
             var server = TestServer.startWithoutAutoLink(pg::configure)) {
            var api = server.api();
            Sessions.linked(api, "pgc", "15556690001");
            Sessions.linked(api, "pgd", "15556690002");
            api.post("/v1/sendText", Map.of("session", "pgc", "chatId", "15556690002", "text", "hi"));
            api.post("/v1/sendText", Map.of("session", "pgc", "chatId", "15550000001", "text", "hi echo"));
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/sessions/pgc/contacts").json().size() == 3);
            var byName = api.get("/v1/sessions/pgc/contacts?sortBy=name&sortOrder=desc").json();
            // the echo contact, met again, keeps the name the address book gave it
            assertThat(byName.findValuesAsText("id")).containsExactly("15550000002@c.us", "15556690002@c.us",
                    "15550000001@c.us"); // Silent (sandbox), Sandbox 0002, Echo (sandbox)
            assertThat(byName.get(2).path("name").asText()).isEqualTo("Echo (sandbox)");
            assertThat(api.get("/v1/sessions/pgc/contacts/15556690002").json().path("pushname").asText())
                    .isEqualTo("Sandbox 0002");
        }
    }
}
