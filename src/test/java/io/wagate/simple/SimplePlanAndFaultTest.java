package io.wagate.simple;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.http.simple.SimpleErrorMapper;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The plan limits of the v1 API hold on the simple API too, answered in its shape; so are real faults (500). */
class SimplePlanAndFaultTest {
    static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String GROUPS = "/api/whatsapp/get/groups";

    static TestServer start(java.time.Clock clock) {
        return TestServer.startWithoutAutoLink(UnaryOperator.identity(), clock);
    }

    static Map<String, Object> plan(String name, Long perMonth, Integer perSecond) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("requestsPerMonth", perMonth);
        body.put("requestsPerSecond", perSecond);
        body.put("maxSessions", 3);
        body.put("overage", false);
        return body;
    }

    static void moveTo(Api admin, String accountId, String plan) {
        var moved = admin.put("/admin/accounts/" + accountId + "/plan", Map.of("plan", plan));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    }

    static void assertTooMany(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        CONTRACT.assertConforms("GET", GROUPS, response);
        assertThat(response.json().size()).isEqualTo(1);
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    @Test
    void overTheRateOrTheMonthlyQuotaIs429InThisApisShape() {
        var clock = TestClock.at("2026-03-10T12:00:00Z");
        try (var server = start(clock)) {
            var admin = server.api();
            for (var plan : new Map[] {plan("simple-open", null, null), plan("simple-2ps", null, 2),
                    plan("simple-none", 0L, null)}) {
                assertThat(admin.post("/admin/plans", plan).status()).isEqualTo(201);
            }
            var account = Accounts.create(admin, "simple-tenant", "simple-open");
            String sessionKey = Sessions.linked(account, "tenant", "15558990001").path("apiKey").asText();
            var simple = server.api(sessionKey);
            String accountId = Accounts.id(admin, "simple-tenant");

            moveTo(admin, accountId, "simple-2ps");
            for (int i = 0; i < 2; i++) {
                var answer = simple.get(GROUPS);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                assertThat(answer.header("X-RateLimit-Limit")).isEqualTo("2");
            }
            var third = simple.get(GROUPS);
            assertTooMany(third);
            assertThat(third.json().path("error").asText()).contains("too many requests").contains("2 per second");
            assertThat(third.header("Retry-After")).isEqualTo("1");
            // the session's account shares one allowance, whichever API and key
            assertThat(account.get("/v1/sessions").status()).isEqualTo(429);
            clock.advance(Duration.ofSeconds(1));
            assertThat(simple.get(GROUPS).status()).isEqualTo(200);

            moveTo(admin, accountId, "simple-none");
            var overQuota = simple.get(GROUPS);
            assertTooMany(overQuota);
            assertThat(overQuota.json().path("error").asText()).contains("monthly quota");
            assertThat(Long.parseLong(overQuota.header("Retry-After"))).as("seconds until April")
                    .isEqualTo(Duration.between(clock.instant(), java.time.Instant.parse("2026-04-01T00:00:00Z"))
                            .toSeconds());
            var text = simple.post("/api/whatsapp/send/text", Map.of("number", "15550000001", "message", "x"));
            assertThat(text.status()).isEqualTo(429);
            CONTRACT.assertConforms("POST", "/api/whatsapp/send/text", text);
        }
    }

    @Test
    void aRealFaultIs500WithALoggedIdInThisApisShape() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var mapperLog = (Logger) LoggerFactory.getLogger(SimpleErrorMapper.class);
        mapperLog.addAppender(appender);
        try (var server = start(java.time.Clock.systemUTC())) {
            String key = Sessions.linked(server.api(), "faulty", "15558990002").path("apiKey").asText();
            assertThat(server.api(key).get(GROUPS).status()).isEqualTo(200);

            // The messages table gone: storing the message is what fails. (Closing the pool is no fault here: the
            // store's writer keeps the connection it already holds.)
            server.app().database().jdbi().useHandle(h -> h.execute("ALTER TABLE messages RENAME TO messages_gone"));

            var failed = server.api(key).post("/api/whatsapp/send/text",
                    Map.of("number", "15550000001", "message", "lost"));
            assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
            CONTRACT.assertConforms("POST", "/api/whatsapp/send/text", failed);
            String error = failed.json().path("error").asText();
            var id = Pattern.compile("err_[0-9A-Z]{26}").matcher(error);
            assertThat(id.find()).as(error).isTrue();
            assertThat(failed.text()).doesNotContain("Exception").doesNotContain("at io.wagate");
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("ERROR");
                assertThat(event.getFormattedMessage()).contains(id.group()).contains("/api/whatsapp/send/text");
            });
        } finally {
            mapperLog.detachAppender(appender);
        }
    }
}
