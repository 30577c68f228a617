package io.wagate.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A month's usage outlives the server: a clean restart loses nothing, a kill -9 at most the last second. */
class UsagePersistenceTest {

    @Test
    void usageSurvivesACleanRestart() {
        var clock = TestClock.at("2026-05-20T08:00:00Z");
        try (var server = TestServer.start(clock)) {
            String key = Accounts.createKey(server.api(), "restarted", "basic");
            var basic = server.api(key);
            String id = Accounts.id(server.api(), "restarted");
            for (int i = 0; i < 95; i++) {
                assertThat(basic.get("/v1/sessions").status()).isEqualTo(200);
                clock.advance(Duration.ofMillis(100));
            }

            server.restart();

            basic = server.api(key);
            var usage = server.api().get("/admin/accounts/" + id + "/usage").json();
            assertThat(usage.path("requests").asLong()).isEqualTo(95);
            var next = basic.get("/v1/sessions");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.header("X-Quota-Remaining")).isEqualTo("4");
            for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofMillis(100));
                assertThat(basic.get("/v1/sessions").status()).isEqualTo(200);
            }
            assertThat(basic.get("/v1/sessions").status()).as("the 101st of the month, across a restart")
                    .isEqualTo(429);
        }
    }

    @Test
    void overageSurvivesACleanRestart() {
        var clock = TestClock.at("2026-05-20T08:00:00Z");
        try (var server = TestServer.start(clock)) {
            var created = server.api().post("/admin/plans", Map.of("name", "tiny-overage", "requestsPerMonth", 2,
                    "requestsPerSecond", 100, "maxSessions", 1, "overage", true));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            var tenant = Accounts.create(server.api(), "over", "tiny-overage");
            String id = Accounts.id(server.api(), "over");
            for (int i = 0; i < 5; i++) {
                assertThat(tenant.get("/v1/sessions").status()).isEqualTo(200);
            }

            server.restart();

            var usage = server.api().get("/admin/accounts/" + id + "/usage?month=2026-05").json();
            assertThat(usage.path("requests").asLong()).isEqualTo(5);
            assertThat(usage.path("overage").asLong()).isEqualTo(3);
        }
    }

    @Test
    void aKillNineLosesNoMoreThanTheLastSecond(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String id;
        String key;
        try (var first = ServerProcess.start(data, Map.of())) {
            var admin = first.api();
            key = Accounts.createKey(admin, "crashing", "ultra");
            var tenant = new Api(admin.base(), key);
            id = Accounts.id(admin, "crashing");
            for (int i = 0; i < 15; i++) {
                assertThat(tenant.get("/v1/sessions").status()).isEqualTo(200);
            }
            // The counts reach the store within the flush interval, not with each request.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> storedRequests(data, id) == 15);
            first.killHard();
        }
        try (var second = ServerProcess.start(data, Map.of())) {
            var usage = second.api().get("/admin/accounts/" + id + "/usage").json();
            assertThat(usage.path("requests").asLong()).isEqualTo(15);
            var next = new Api(second.api().base(), key).get("/v1/sessions");
            assertThat(next.header("X-Quota-Remaining")).isEqualTo("9984");
        }
    }

    private static long storedRequests(Path data, String accountId) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("wagate.db"));
             var st = c.prepareStatement("SELECT requests FROM usage_monthly WHERE account_id = ? AND month = ?")) {
            st.setString(1, accountId);
            st.setString(2, YearMonth.now(ZoneOffset.UTC).toString());
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
