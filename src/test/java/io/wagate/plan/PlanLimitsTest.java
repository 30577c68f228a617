package io.wagate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plan limits over HTTP (the plans of README "Plans and limits") on a clock the tests move: requests per
 * second, requests per month, sessions. Each test has its own accounts and sets the clock first.
 */
class PlanLimitsTest {
    private static final TestClock clock = TestClock.at("2026-03-10T12:00:00Z");

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(clock));

    private static final OpenApiContract contract = OpenApiContract.fromClasspath();

    /** A tenth of a second gives back one request of a 10/s allowance. */
    private static final Duration TENTH = Duration.ofMillis(100);

    @BeforeEach
    void resetClock() {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
    }

    private static JsonNode usage(String accountName, String month) {
        var response = server.api().get("/admin/accounts/" + Accounts.id(server.api(), accountName)
                + "/usage?month=" + month);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static void assertTooMany(Api.Response response, String retryAfter, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.json().path("statusCode").asInt()).isEqualTo(429);
        assertThat(response.json().path("error").asText()).isEqualTo("Too Many Requests");
        assertThat(response.json().path("message").asText()).contains(mentioned);
        assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
    }

    @Test
    void theEleventhRequestWithinOneSecondOnBasicIs429WithRetryAfterOne() {
        var basic = Accounts.create(server.api(), "rate-basic", "basic");

        for (int i = 1; i <= 10; i++) {
            var response = basic.get("/v1/sessions");
            assertThat(response.status()).as("request " + i + ": " + response).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Limit")).isEqualTo("10");
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
            assertThat(response.header("X-RateLimit-Reset")).isEqualTo("1");
        }
        var eleventh = basic.get("/v1/sessions");

        assertTooMany(eleventh, "1", "10 per second");
        contract.assertConforms("GET", "/v1/sessions", eleventh);
        assertThat(eleventh.json().path("message").asText()).contains("basic");
        assertThat(eleventh.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(eleventh.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(eleventh.header("X-Quota-Remaining")).as("the refused request is not counted").isEqualTo("90");

        clock.advance(TENTH);
        assertThat(basic.get("/v1/sessions").status()).as("a tenth of a second gives back one request").isEqualTo(200);
        assertThat(basic.get("/v1/sessions").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        var refilled = basic.get("/v1/sessions");
        assertThat(refilled.status()).isEqualTo(200);
        assertThat(refilled.header("X-RateLimit-Remaining")).as("a full bucket holds one second's allowance")
                .isEqualTo("9");
        assertThat(usage("rate-basic", "2026-03").path("requests").asLong()).isEqualTo(12);
    }

    @Test
    void theWahaDoorTakesItsKeyHeaderAndSharesThePlansAllowanceWithV1() {
        var key = Accounts.createKey(server.api(), "rate-waha", "basic");
        var waha = server.api().anonymous().withHeader("X-Api-Key", key);

        for (int i = 1; i <= 5; i++) {
            assertThat(waha.get("/api/sessions").status()).as("WAHA request " + i).isEqualTo(200);
            assertThat(waha.get("/v1/sessions").status()).as("v1 request " + i).isEqualTo(200);
        }
        var eleventh = waha.get("/api/sessions");

        assertTooMany(eleventh, "1", "10 per second");
    }

    @Test
    void aSimpleApiRequestInsideTheWahaDoorsPrefixIsCountedOnce() {
        var basic = Accounts.create(server.api(), "rate-simple", "basic");

        for (int i = 1; i <= 10; i++) {
            var response = basic.get("/api/whatsapp/get/groups?session=missing");
            assertThat(response.status()).as("request " + i + ": " + response).isEqualTo(404);
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
        }
        assertThat(basic.get("/api/whatsapp/get/groups?session=missing").status()).isEqualTo(429);
    }

    @Test
    void theHundredAndFirstRequestOfTheMonthOnBasicIsRefusedUntilTheMonthTurns() {
        clock.set(Instant.parse("2026-03-31T23:00:00Z"));
        var basic = Accounts.create(server.api(), "month-basic", "basic");

        for (int i = 1; i <= 100; i++) {
            var response = basic.get("/v1/sessions/missing");
            assertThat(response.status()).as("request " + i + " (a 404 counts too)").isEqualTo(404);
            assertThat(response.header("X-Quota-Limit")).isEqualTo("100");
            assertThat(response.header("X-Quota-Remaining")).isEqualTo(Integer.toString(100 - i));
            clock.advance(TENTH);
        }
        // 100 requests a tenth of a second apart: it is now 23:00:10, 3590 s before April.
        var refused = basic.get("/v1/sessions");

        assertTooMany(refused, "3590", "monthly quota");
        contract.assertConforms("GET", "/v1/sessions", refused);
        assertThat(refused.json().path("message").asText()).contains("basic", "100", "2026-04-01T00:00:00Z");
        assertThat(refused.header("X-Quota-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-Quota-Reset")).isEqualTo("3590");
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("10");

        clock.set(Instant.parse("2026-03-31T23:59:59.500Z"));
        assertTooMany(basic.get("/v1/sessions"), "1", "monthly quota");

        clock.set(Instant.parse("2026-04-01T00:00:00Z"));
        var april = basic.get("/v1/sessions");
        assertThat(april.status()).as(april.toString()).isEqualTo(200);
        assertThat(april.header("X-Quota-Remaining")).isEqualTo("99");

        var march = usage("month-basic", "2026-03");
        assertThat(march.path("requests").asLong()).as("refused requests are not counted").isEqualTo(100);
        assertThat(march.path("overage").asLong()).isZero();
        assertThat(usage("month-basic", "2026-04").path("requests").asLong()).isEqualTo(1);
    }

    @Test
    void proServesTheThousandAndFirstRequestAndCountsItAsOverage() {
        var pro = Accounts.create(server.api(), "overage-pro", "pro");

        for (int i = 1; i <= 1000; i++) {
            var response = pro.get("/v1/sessions");
            assertThat(response.status()).as("request " + i).isEqualTo(200);
            clock.advance(TENTH);
        }
        var beyond = pro.get("/v1/sessions");

        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(200);
        assertThat(beyond.header("X-Quota-Limit")).isEqualTo("1000");
        assertThat(beyond.header("X-Quota-Remaining")).isEqualTo("0");
        var usage = usage("overage-pro", "2026-03");
        assertThat(usage.path("plan").asText()).isEqualTo("pro");
        assertThat(usage.path("requests").asLong()).isEqualTo(1001);
        assertThat(usage.path("overage").asLong()).isEqualTo(1);
        assertThat(usage.path("remaining").asLong()).isZero();
    }

    @Test
    void aSecondSessionOnBasicIs403NamingThePlanAndItsLimit() {
        var basic = Accounts.create(server.api(), "sessions-basic", "basic");
        Sessions.create(basic, "first");

        var second = basic.post("/v1/sessions", Map.of("name", "second", "engine", "sandbox"));

        assertThat(second.status()).as(second.toString()).isEqualTo(403);
        contract.assertConforms("POST", "/v1/sessions", second);
        assertThat(second.json().path("error").asText()).isEqualTo("Forbidden");
        assertThat(second.json().path("message").asText()).contains("plan 'basic'", "1 session");
        assertThat(basic.get("/v1/sessions").json().findValuesAsText("name")).containsExactly("first");

        // Room again once the first is gone.
        assertThat(basic.delete("/v1/sessions/first").status()).isEqualTo(204);
        assertThat(basic.post("/v1/sessions", Map.of("name", "second", "engine", "sandbox")).status())
                .isEqualTo(201);
        assertThat(usage("sessions-basic", "2026-03").path("sessions").asLong()).isEqualTo(1);
        assertThat(usage("sessions-basic", "2026-03").path("maxSessions").asLong()).isEqualTo(1);
    }

    @Test
    void proAllowsThreeSessionsAndMegaHasNoCap() {
        var pro = Accounts.create(server.api(), "sessions-pro", "pro");
        for (String name : new String[] {"one", "two", "three"}) {
            Sessions.create(pro, name);
        }
        var fourth = pro.post("/v1/sessions", Map.of("name", "four", "engine", "sandbox"));
        assertThat(fourth.status()).isEqualTo(403);
        assertThat(fourth.json().path("message").asText()).contains("plan 'pro'", "3 sessions");

        var mega = Accounts.create(server.api(), "sessions-mega", "mega");
        for (int i = 0; i < 12; i++) {
            Sessions.create(mega, "s" + i);
            clock.advance(TENTH);
        }
        assertThat(usage("sessions-mega", "2026-03").path("maxSessions").isNull()).isTrue();
    }

    @Test
    void racingCreatesNeverGoBeyondTheSessionCap() throws Exception {
        var pro = Accounts.create(server.api(), "racing-pro", "pro");
        var creates = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 8; i++) {
            String name = "racer" + i;
            creates.add(() -> pro.post("/v1/sessions", Map.of("name", name, "start", false)).status());
        }
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var result : pool.invokeAll(creates)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).containsOnly(201, 403);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(pro.get("/v1/sessions").json()).hasSize(3);
    }

    @Test
    void allKeysOfAnAccountShareOneAllowance() {
        var accountKey = Accounts.create(server.api(), "shared", "basic");
        String sessionKey = Sessions.create(accountKey, "only").path("apiKey").asText();
        var sessionApi = server.api(sessionKey);

        for (int i = 0; i < 9; i++) {
            assertThat((i % 2 == 0 ? accountKey : sessionApi).get("/v1/sessions").status()).isEqualTo(200);
        }
        assertThat(sessionApi.get("/v1/sessions").status()).as("the create was the first of ten").isEqualTo(429);
        assertThat(accountKey.get("/v1/sessions").status()).isEqualTo(429);
    }

    @Test
    void headersComeWithEveryAuthenticatedAnswerOfTheV1ApiOnly() {
        var ultra = Accounts.create(server.api(), "headers-ultra", "ultra");

        var error = ultra.post("/v1/sessions", Map.of("name", "bad name"));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.header("X-RateLimit-Limit")).isEqualTo("20");
        assertThat(error.header("X-RateLimit-Remaining")).isEqualTo("19");
        assertThat(error.header("X-Quota-Limit")).isEqualTo("10000");
        assertThat(error.header("X-Quota-Remaining")).isEqualTo("9999");
        assertThat(error.header("Retry-After")).isNull();

        var admin = server.api().get("/v1/sessions");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.headers().map().keySet()).as("the admin's plan has no limits to tell")
                .noneMatch(h -> h.toLowerCase().startsWith("x-ratelimit") || h.toLowerCase().startsWith("x-quota"));
        for (var unlimited : new Api.Response[] {ultra.anonymous().get("/v1/sessions"),
                server.api().anonymous().get("/health"), server.api().get("/admin/plans"),
                ultra.get("/admin/plans")}) {
            assertThat(unlimited.header("X-RateLimit-Limit")).as(unlimited.toString()).isNull();
            assertThat(unlimited.header("X-Quota-Limit")).as(unlimited.toString()).isNull();
        }
        assertThat(usage("headers-ultra", "2026-03").path("requests").asLong())
                .as("neither /admin nor an unauthenticated request counts").isEqualTo(1);
    }

    @Test
    void aPlanChangeAppliesFromTheNextRequest() {
        var account = Accounts.create(server.api(), "upgrading", "basic");
        for (int i = 0; i < 10; i++) {
            assertThat(account.get("/v1/sessions").status()).isEqualTo(200);
        }
        assertThat(account.get("/v1/sessions").status()).isEqualTo(429);

        var moved = server.api().put("/admin/accounts/" + Accounts.id(server.api(), "upgrading") + "/plan",
                Map.of("plan", "ultra"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        var next = account.get("/v1/sessions");
        assertThat(next.status()).as("a new rate gives a new, full bucket").isEqualTo(200);
        assertThat(next.header("X-RateLimit-Limit")).isEqualTo("20");
        assertThat(next.header("X-Quota-Limit")).isEqualTo("10000");
        assertThat(next.header("X-Quota-Remaining")).as("the month's count carries over").isEqualTo("9989");
    }

    @Test
    void anOperatorPlanWithAHardQuotaOfZeroRefusesEverything() {
        var created = server.api().post("/admin/plans", Map.of("name", "suspended", "requestsPerMonth", 0,
                "requestsPerSecond", 5, "maxSessions", 0, "overage", false));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var account = Accounts.create(server.api(), "suspended-account", "suspended");

        var refused = account.get("/v1/sessions");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(refused.header("X-RateLimit-Remaining")).as("a refusal for the quota takes no token")
                .isEqualTo("5");
        assertThat(refused.header("X-Quota-Limit")).isEqualTo("0");
    }
}
