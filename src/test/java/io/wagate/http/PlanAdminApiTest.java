package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's plans under /admin: the seeded table, edits and their validation, an account's plan and usage. */
class PlanAdminApiTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::start);

    private static Map<String, Object> limits(Object perMonth, Object perSecond, Object sessions, Object overage) {
        var body = new HashMap<String, Object>();
        body.put("requestsPerMonth", perMonth);
        body.put("requestsPerSecond", perSecond);
        body.put("maxSessions", sessions);
        body.put("overage", overage);
        return body;
    }

    private static Map<String, Object> plan(String name, Object perMonth, Object perSecond, Object sessions,
                                            Object overage) {
        var body = limits(perMonth, perSecond, sessions, overage);
        body.put("name", name);
        return body;
    }

    private static void assertBadRequest(Api.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("Bad Request");
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }

    /** The plan as served is exactly these fields (null: unlimited). */
    private static void assertPlan(String name, Long perMonth, Integer perSecond, Integer sessions, boolean overage)
            throws Exception {
        var response = server.api().get("/admin/plans/" + name);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var json = new ObjectMapper();
        // Through text, so that 100L and 100 compare as the same JSON number.
        assertThat(response.json()).isEqualTo(json.readTree(json.writeValueAsString(
                plan(name, perMonth, perSecond, sessions, overage))));
    }

    @Test
    void theSeededPlansAreTheReadmesTableAndTheAdminsUnlimitedPlan() throws Exception {
        var plans = server.api().get("/admin/plans");

        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.json().findValuesAsText("name")).contains("basic", "pro", "ultra", "mega", "unlimited");
        assertPlan("basic", 100L, 10, 1, false);
        assertPlan("pro", 1000L, 10, 3, true);
        assertPlan("ultra", 10_000L, 20, 10, true);
        assertPlan("mega", 50_000L, 25, null, true);
        assertPlan("unlimited", null, null, null, false);
        assertThat(server.api().get("/admin/plans/platinum").status()).isEqualTo(404);
        var admin = server.api().get("/admin/accounts").json().findParents("admin").stream()
                .filter(a -> a.path("admin").asBoolean()).findFirst().orElseThrow();
        assertThat(admin.path("plan").asText()).isEqualTo("unlimited");
    }

    @Test
    void createAndUpdateAPlan() {
        var created = server.api().post("/admin/plans", plan("startup", 5000, 15, 2, true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("requestsPerSecond").asInt()).isEqualTo(15);
        assertThat(server.api().get("/admin/plans").json().findValuesAsText("name")).contains("startup");

        var updated = server.api().put("/admin/plans/startup", limits(null, 30, null, false));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        var read = server.api().get("/admin/plans/startup").json();
        assertThat(read.path("requestsPerMonth").isNull()).isTrue();
        assertThat(read.path("requestsPerSecond").asInt()).isEqualTo(30);
        assertThat(read.path("maxSessions").isNull()).isTrue();
        assertThat(read.path("overage").asBoolean()).isFalse();

        assertThat(server.api().post("/admin/plans", plan("startup", 1, 1, 1, false)).status()).isEqualTo(409);
        assertThat(server.api().put("/admin/plans/nonesuch", limits(1, 1, 1, false)).status()).isEqualTo(404);
    }

    @Test
    void aPlanWithNegativeLimitsIs400NamingTheField() {
        assertBadRequest(server.api().post("/admin/plans", plan("neg1", -1, 10, 1, false)), "requestsPerMonth");
        assertBadRequest(server.api().post("/admin/plans", plan("neg2", 100, -5, 1, false)), "requestsPerSecond");
        assertBadRequest(server.api().post("/admin/plans", plan("neg3", 100, 10, -1, false)), "maxSessions");
        assertBadRequest(server.api().put("/admin/plans/basic", limits(-100, 10, 1, false)), "requestsPerMonth");
        assertBadRequest(server.api().post("/admin/plans", plan("zero-rate", 100, 0, 1, false)), "requestsPerSecond");
        assertThat(server.api().get("/admin/plans/basic").json().path("requestsPerMonth").asLong()).isEqualTo(100);
        assertThat(server.api().get("/admin/plans/neg1").status()).isEqualTo(404);
    }

    @Test
    void everyLimitMustBeNamedAndOfTheRightType() {
        var missing = plan("partial", 100, 10, 1, false);
        missing.remove("maxSessions");
        assertBadRequest(server.api().post("/admin/plans", missing), "field 'maxSessions' is required");
        var noOverage = limits(100, 10, 1, null);
        noOverage.remove("overage");
        assertBadRequest(server.api().put("/admin/plans/basic", noOverage), "field 'overage' is required");
        assertBadRequest(server.api().put("/admin/plans/basic", limits(100, 10, 1, null)), "overage");
        assertBadRequest(server.api().post("/admin/plans", plan("typed", "100", 10, 1, false)), "requestsPerMonth");
        assertBadRequest(server.api().post("/admin/plans", plan("typed", 100, 1.5, 1, false)),
                "field 'requestsPerSecond' must be a whole number");
        assertBadRequest(server.api().post("/admin/plans", plan("typed", 100, 10, 1, "no")), "overage");
        assertBadRequest(server.api().post("/admin/plans", plan("typed", 100, 1e12, 1, false)), "requestsPerSecond");
        var extra = limits(100, 10, 1, false);
        extra.put("name", "basic");
        assertBadRequest(server.api().put("/admin/plans/basic", extra), "name");
        assertBadRequest(server.api().send("POST", "/admin/plans", "{\"name\":", "application/json"), "malformed JSON");
        assertBadRequest(server.api().send("POST", "/admin/plans", null, null), "body");
        assertThat(server.api().get("/admin/plans/typed").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Gold", "has space", "", "émoji😀", "dot.ted", "a/b",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void badPlanNames(String name) {
        assertBadRequest(server.api().post("/admin/plans", plan(name, 1, 1, 1, false)), "name");
    }

    @Test
    void anAccountIsMovedToAnotherPlanAndAnUnknownPlanIs400() {
        Accounts.create(server.api(), "mover", "basic");
        String id = Accounts.id(server.api(), "mover");

        var moved = server.api().put("/admin/accounts/" + id + "/plan", Map.of("plan", "mega"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("plan").asText()).isEqualTo("mega");
        assertThat(server.api().get("/admin/accounts/" + id).json().path("plan").asText()).isEqualTo("mega");

        assertBadRequest(server.api().put("/admin/accounts/" + id + "/plan", Map.of("plan", "platinum")), "plan");
        assertBadRequest(server.api().put("/admin/accounts/" + id + "/plan", Map.of()), "plan");
        assertBadRequest(server.api().put("/admin/accounts/" + id + "/plan", Map.of("plan", 3)), "plan");
        assertBadRequest(server.api().post("/admin/accounts", Map.of("name", "on-gold", "plan", "gold")), "plan");
        assertThat(server.api().put("/admin/accounts/acc_missing/plan", Map.of("plan", "pro")).status())
                .isEqualTo(404);
        assertThat(server.api().get("/admin/accounts/" + id).json().path("plan").asText()).isEqualTo("mega");
    }

    @Test
    void anAccountCanBeCreatedOnAPlanTheOperatorMade() {
        assertThat(server.api().post("/admin/plans", plan("custom", 10, 1, 1, false)).status()).isEqualTo(201);
        var created = server.api().post("/admin/accounts", Map.of("name", "on-custom", "plan", "custom"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("plan").asText()).isEqualTo("custom");
    }

    @Test
    void usageOfAMonth() {
        var tenant = Accounts.create(server.api(), "metered", "ultra");
        String id = Accounts.id(server.api(), "metered");
        for (int i = 0; i < 3; i++) {
            assertThat(tenant.get("/v1/sessions").status()).isEqualTo(200);
        }
        io.wagate.support.Sessions.create(tenant, "counted");

        var usage = server.api().get("/admin/accounts/" + id + "/usage");

        assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
        assertThat(usage.json().path("accountId").asText()).isEqualTo(id);
        assertThat(usage.json().path("plan").asText()).isEqualTo("ultra");
        assertThat(usage.json().path("month").asText()).isEqualTo(java.time.YearMonth.now(java.time.ZoneOffset.UTC)
                .toString());
        assertThat(usage.json().path("requests").asLong()).isEqualTo(4);
        assertThat(usage.json().path("overage").asLong()).isZero();
        assertThat(usage.json().path("requestsPerMonth").asLong()).isEqualTo(10000);
        assertThat(usage.json().path("remaining").asLong()).isEqualTo(9996);
        assertThat(usage.json().path("sessions").asLong()).isEqualTo(1);
        assertThat(usage.json().path("maxSessions").asLong()).isEqualTo(10);

        var empty = server.api().get("/admin/accounts/" + id + "/usage?month=2020-01");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("month").asText()).isEqualTo("2020-01");
        assertThat(empty.json().path("requests").asLong()).isZero();

        for (String month : new String[] {"2026-13", "2026-1", "202601", "march", "2026-01-01", "-2026-01"}) {
            assertBadRequest(server.api().get("/admin/accounts/" + id + "/usage?month=" + month), "month");
        }
        assertThat(server.api().get("/admin/accounts/acc_missing/usage").status()).isEqualTo(404);
    }

    @Test
    void planRoutesNeedTheAdminKey() {
        var tenant = Accounts.create(server.api(), "nosy", "mega");
        String id = Accounts.id(server.api(), "nosy");

        assertThat(tenant.get("/admin/plans").status()).isEqualTo(403);
        assertThat(tenant.post("/admin/plans", plan("mine", null, null, null, false)).status()).isEqualTo(403);
        assertThat(tenant.put("/admin/plans/mega", limits(null, null, null, true)).status()).isEqualTo(403);
        assertThat(tenant.put("/admin/accounts/" + id + "/plan", Map.of("plan", "unlimited")).status())
                .isEqualTo(403);
        assertThat(tenant.get("/admin/accounts/" + id + "/usage").status()).isEqualTo(403);
        assertThat(tenant.anonymous().get("/admin/plans").status()).isEqualTo(401);
        assertThat(server.api().get("/admin/plans/mega").json().path("requestsPerMonth").asLong()).isEqualTo(50000);
    }
}
