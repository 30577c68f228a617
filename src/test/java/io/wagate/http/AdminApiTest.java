package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's /admin API: accounts with a plan name, account keys issued and revoked. */
class AdminApiTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::start);

    @Test
    void createAndListAccounts() {
        var created = server.api().post("/admin/accounts", Map.of("name", "acme", "plan", "ultra"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).startsWith("acc_");
        assertThat(created.json().path("plan").asText()).isEqualTo("ultra");
        assertThat(created.json().path("admin").asBoolean()).isFalse();
        String key = created.json().path("apiKey").asText();
        assertThat(server.api(key).get("/v1/sessions").status()).isEqualTo(200);

        var list = server.api().get("/admin/accounts");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).contains("admin", "acme");
        assertThat(list.text()).doesNotContain(key);

        var one = server.api().get("/admin/accounts/" + created.json().path("id").asText());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("name").asText()).isEqualTo("acme");
        assertThat(one.json().path("apiKey").isNull()).isTrue();
        assertThat(server.api().get("/admin/accounts/acc_missing").status()).isEqualTo(404);
    }

    @Test
    void thePlanDefaultsToBasicAndMustBeKnown() {
        var created = server.api().post("/admin/accounts", Map.of("name", "defaulted"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("plan").asText()).isEqualTo("basic");
        var bad = server.api().post("/admin/accounts", Map.of("name", "badplan", "plan", "platinum"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).contains("plan");
    }

    @Test
    void accountNamesAreValidatedAndUnique() {
        assertThat(server.api().post("/admin/accounts", Map.of("name", "dup")).status()).isEqualTo(201);
        assertThat(server.api().post("/admin/accounts", Map.of("name", "dup")).status()).isEqualTo(409);
        assertThat(server.api().post("/admin/accounts", Map.of("name", "has space")).status()).isEqualTo(400);
        assertThat(server.api().post("/admin/accounts", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void issueListAndRevokeAccountKeys() {
        var account = server.api().post("/admin/accounts", Map.of("name", "keyed")).json();
        String id = account.path("id").asText();
        var issued = server.api().post("/admin/accounts/" + id + "/keys", Map.of("label", "ci"));
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().path("key").asText();
        String keyId = issued.json().path("id").asText();
        assertThat(key).startsWith("wag_");
        assertThat(issued.json().path("prefix").asText()).isEqualTo(key.substring(0, 12));

        var keys = server.api().get("/admin/accounts/" + id + "/keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json()).hasSize(2);
        assertThat(keys.text()).doesNotContain(key).doesNotContain(account.path("apiKey").asText());
        assertThat(keys.json().findValuesAsText("label")).contains("ci", "initial key");

        assertThat(server.api(key).get("/v1/sessions").status()).isEqualTo(200);
        assertThat(server.api().delete("/admin/accounts/" + id + "/keys/" + keyId).status()).isEqualTo(204);
        assertThat(server.api(key).get("/v1/sessions").status()).isEqualTo(401);
        assertThat(server.api().delete("/admin/accounts/" + id + "/keys/" + keyId).status()).isEqualTo(404);
        assertThat(server.api().get("/admin/accounts/" + id + "/keys").json().findValuesAsText("revokedAt"))
                .anySatisfy(at -> assertThat(at).isNotBlank());
        // the other key still works
        assertThat(server.api(account.path("apiKey").asText()).get("/v1/sessions").status()).isEqualTo(200);
    }

    @Test
    void adminRoutesRefuseOtherKeys() {
        String tenantKey = server.api().post("/admin/accounts", Map.of("name", "tenant")).json().path("apiKey").asText();
        var tenant = server.api(tenantKey);
        assertThat(tenant.get("/admin/accounts").status()).isEqualTo(403);
        assertThat(tenant.get("/admin/accounts").json().path("error").asText()).isEqualTo("Forbidden");
        assertThat(tenant.post("/admin/accounts", Map.of("name", "sneaky")).status()).isEqualTo(403);
        assertThat(server.api().anonymous().get("/admin/accounts").status()).isEqualTo(401);

        String sessionKey = io.wagate.support.Sessions.create(tenant, "s").path("apiKey").asText();
        assertThat(server.api(sessionKey).get("/admin/accounts").status()).isEqualTo(403);
    }
}
