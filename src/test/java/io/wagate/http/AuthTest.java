package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Api;
import io.wagate.support.Sessions;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keys, scopes and tenants (README "Accounts and keys"): who may see what, and the statuses when they may not. */
class AuthTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::start);

    private static String newAccountKey(String name) {
        var created = server.api().post("/admin/accounts", Map.of("name", name, "plan", "pro"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("apiKey").asText();
    }

    @Test
    void aMissingKeyIs401() {
        var response = server.api().anonymous().get("/v1/sessions");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("statusCode").asInt()).isEqualTo(401);
        assertThat(response.json().path("error").asText()).isEqualTo("Unauthorized");
        assertThat(response.json().path("message").asText()).contains("X-API-Key");
    }

    @Test
    void anUnknownKeyIs401() {
        assertThat(server.api("wag_not_a_real_key").get("/v1/sessions").status()).isEqualTo(401);
        assertThat(server.api().anonymous().withHeader("Authorization", "Bearer nope").get("/v1/sessions").status())
                .isEqualTo(401);
        assertThat(server.api().anonymous().withHeader("Authorization", "Basic " + TestServer.ADMIN_KEY)
                .get("/v1/sessions").status()).isEqualTo(401);
    }

    @Test
    void theKeyIsAcceptedInEachDocumentedHeader() {
        var anonymous = server.api().anonymous();
        assertThat(anonymous.withHeader("x-rapidapi-key", TestServer.ADMIN_KEY)
                .withHeader("x-rapidapi-host", "whatsapp-messaging-bot.p.rapidapi.com")
                .get("/v1/sessions").status()).isEqualTo(200);
        assertThat(anonymous.withHeader("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .get("/v1/sessions").status()).isEqualTo(200);
        assertThat(anonymous.withHeader("X-API-Key", TestServer.ADMIN_KEY).get("/v1/sessions").status())
                .isEqualTo(200);
    }

    @Test
    void anotherAccountsSessionLooksExactlyLikeAMissingOne() {
        var alice = server.api(newAccountKey("alice"));
        var bob = server.api(newAccountKey("bob"));
        Sessions.create(alice, "private");

        var foreign = bob.get("/v1/sessions/private");
        var missing = bob.get("/v1/sessions/nosuch");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.text()).isEqualTo(missing.text().replace("nosuch", "private"));
        assertThat(bob.post("/v1/sessions/private/stop", null).status()).isEqualTo(404);
        assertThat(bob.get("/v1/private/auth/qr").status()).isEqualTo(404);
        assertThat(bob.get("/v1/sessions").json().findValuesAsText("name")).doesNotContain("private");
        // the same name is free in another account
        assertThat(bob.post("/v1/sessions", Map.of("name", "private")).status()).isEqualTo(201);
        // and the admin does not see tenants' sessions through the v1 API either
        assertThat(server.api().get("/v1/sessions/private").status()).isEqualTo(404);
    }

    @Test
    void aSessionKeyReachesOnlyItsOwnSession() {
        var account = server.api(newAccountKey("carol"));
        String firstKey = Sessions.create(account, "first").path("apiKey").asText();
        Sessions.create(account, "second");
        var scoped = server.api(firstKey);

        assertThat(scoped.get("/v1/sessions/first").status()).isEqualTo(200);
        assertThat(scoped.get("/v1/sessions/second").status()).isEqualTo(404);
        assertThat(scoped.post("/v1/sessions/second/stop", null).status()).isEqualTo(404);
        assertThat(scoped.get("/v1/sessions").json().findValuesAsText("name")).containsExactly("first");
        var create = scoped.post("/v1/sessions", Map.of("name", "third"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(scoped.delete("/v1/sessions/second").status()).isEqualTo(204);
        assertThat(account.get("/v1/sessions/second").status()).as("a session key cannot delete a sibling")
                .isEqualTo(200);
    }

    @Test
    void rotatingASessionKeyRetiresTheOldOne() {
        var account = server.api(newAccountKey("dave"));
        String oldKey = Sessions.create(account, "rotating").path("apiKey").asText();
        var rotated = account.post("/v1/sessions/rotating/api-key", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().path("apiKey").asText();
        assertThat(newKey).startsWith("wag_").isNotEqualTo(oldKey);
        assertThat(server.api(oldKey).get("/v1/sessions/rotating").status()).isEqualTo(401);
        assertThat(server.api(newKey).get("/v1/sessions/rotating").status()).isEqualTo(200);
        // the session key can rotate itself, and is then replaced too
        var selfRotated = server.api(newKey).post("/v1/sessions/rotating/api-key", null);
        assertThat(selfRotated.status()).isEqualTo(200);
        assertThat(server.api(newKey).get("/v1/sessions/rotating").status()).isEqualTo(401);
    }

    @Test
    void publicRoutesNeedNoKeyAndUnknownRoutesAre404InTheErrorShape() {
        assertThat(server.api().anonymous().get("/health").status()).isEqualTo(200);
        var unknown = server.api().get("/v1/definitely/not/here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("statusCode").asInt()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("Not Found");
        assertThat(server.api().anonymous().get("/nothing").json().path("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void keysAreNeverStoredInTheClear() throws Exception {
        String key = newAccountKey("erin");
        byte[] database = java.nio.file.Files.readAllBytes(server.get().dataDir().resolve("wagate.db"));
        String wal = java.nio.file.Files.exists(server.get().dataDir().resolve("wagate.db-wal"))
                ? new String(java.nio.file.Files.readAllBytes(server.get().dataDir().resolve("wagate.db-wal")),
                java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        String content = new String(database, java.nio.charset.StandardCharsets.ISO_8859_1) + wal;
        assertThat(content).doesNotContain(key).doesNotContain(TestServer.ADMIN_KEY);
    }
}
