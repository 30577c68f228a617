package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/account: every kind of key sees its own account, plan and this month's usage, nothing else. */
class AccountApiTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::start);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    private static Api.Response account(Api api) {
        var response = api.get("/v1/account");
        CONTRACT.assertConforms("GET", "/v1/account", response);
        return response;
    }

    @Test
    void anAccountKeySeesItsPlanItsRateLimitAndItsUsageOfThisMonth() {
        Api shop = Accounts.create(server.api(), "acct-shop", "pro");
        assertThat(shop.post("/v1/sessions", Map.of("name", "one", "engine", "sandbox")).status()).isEqualTo(201);

        var first = account(shop);
        var second = account(shop).json();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.path("id").asText()).isEqualTo(Accounts.id(server.api(), "acct-shop"));
        assertThat(second.path("name").asText()).isEqualTo("acct-shop");
        assertThat(second.path("admin").asBoolean()).isFalse();
        assertThat(second.path("plan").path("name").asText()).isEqualTo("pro");
        assertThat(second.path("plan").path("requestsPerSecond").asInt()).isEqualTo(10);
        assertThat(second.path("plan").path("requestsPerMonth").asLong()).isEqualTo(1000);
        var usage = second.path("usage");
        // The session create and the two reads so far, each counted.
        assertThat(usage.path("requests").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(usage.path("remaining").asLong()).isEqualTo(1000 - usage.path("requests").asLong());
        assertThat(usage.path("sessions").asLong()).isEqualTo(1);
        assertThat(usage.path("maxSessions").asInt()).isEqualTo(3);
        assertThat(usage.path("month").asText()).matches("\\d{4}-\\d{2}");
    }

    @Test
    void aSessionKeySeesItsSessionsAccountAndTheAdminKeyTheAdminAccount() {
        Api owner = Accounts.create(server.api(), "acct-owner", "basic");
        var created = owner.post("/v1/sessions", Map.of("name", "solo", "engine", "sandbox"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api sessionKey = new Api(server.api().base(), created.json().path("apiKey").asText());

        var seen = account(sessionKey);
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(seen.json().path("name").asText()).isEqualTo("acct-owner");
        assertThat(seen.json().path("plan").path("name").asText()).isEqualTo("basic");

        var admin = account(server.api()).json();
        assertThat(admin.path("admin").asBoolean()).isTrue();
        assertThat(admin.path("plan").path("name").asText()).isEqualTo("unlimited");
        assertThat(admin.path("usage").path("remaining").isNull()).isTrue();
    }

    @Test
    void noKeyOrAWrongKeyIs401() {
        assertThat(account(server.api().anonymous()).status()).isEqualTo(401);
        assertThat(account(new Api(server.api().base(), "wag_nope")).status()).isEqualTo(401);
    }

    @Test
    void beyondAHardQuotaTheAccountReadIs429Too() {
        var plan = new HashMap<String, Object>(Map.of("name", "acct-tiny", "requestsPerMonth", 1, "overage", false));
        plan.put("requestsPerSecond", null);
        plan.put("maxSessions", null);
        assertThat(server.api().post("/admin/plans", plan).status()).isEqualTo(201);
        Api tiny = Accounts.create(server.api(), "acct-tiny", "acct-tiny");

        assertThat(account(tiny).status()).isEqualTo(200);
        assertThat(account(tiny).status()).isEqualTo(429);
    }
}
