package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real wagate processes on one PostgreSQL: an account's per-second allowance and monthly quota are
 * the cluster's, not each node's; a key revoked or a plan edited through one node holds on the others within
 * seconds; creates through two nodes at once stay within the plan's session cap.
 */
class ClusterLimitsTest {
    /** The bucket every node of this class stores media in (cluster mode needs shared media). */
    private static final TestS3.Bucket BUCKET = TestS3.createBucket();
    private static final String SECRET = "limits-test-secret-0123456789";
    private static final Duration SPRAY = Duration.ofSeconds(4);

    @Test
    void limitsAndRevocationsHoldAcrossTheNodes(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase()) {
            var starting = new LinkedHashMap<String, CompletableFuture<ServerProcess>>();
            for (String name : List.of("n1", "n2", "n3")) {
                starting.put(name, CompletableFuture.supplyAsync(() -> start(temp, pg.jdbcUrl(), name)));
            }
            var nodes = new LinkedHashMap<String, ServerProcess>();
            for (var s : starting.entrySet()) {
                nodes.put(s.getKey(), s.getValue().get(120, TimeUnit.SECONDS));
            }
            try {
                var admin = nodes.get("n1").api();

                // A key revoked through node 1 is refused by nodes 2 and 3, which had it in memory.
                String key = Accounts.createKey(admin, "keys", "mega");
                for (var node : nodes.values()) {
                    assertThat(as(node, key).get("/v1/sessions").status()).isEqualTo(200);
                }
                String accountId = Accounts.id(admin, "keys");
                String keyId = admin.get("/admin/accounts/" + accountId + "/keys").json().get(0).path("id").asText();
                assertThat(admin.delete("/admin/accounts/" + accountId + "/keys/" + keyId).status()).isEqualTo(204);
                long revokedAt = System.nanoTime();
                for (var node : List.of(nodes.get("n2"), nodes.get("n3"))) {
                    await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                            .until(() -> as(node, key).get("/v1/sessions").status() == 401);
                }
                System.err.printf("ClusterLimitsTest: revoked key refused by every node after %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt));

                // A plan edited through node 1 holds on node 2 within about 2 s (plans are read again every second).
                assertThat(admin.post("/admin/plans", plan("edited", null, 5, true)).status()).isEqualTo(201);
                var edited = as(nodes.get("n2"), Accounts.createKey(admin, "edited", "edited"));
                assertThat(edited.get("/v1/sessions").status()).isEqualTo(200);
                assertThat(admin.put("/admin/plans/edited", plan("edited", 0L, 5, false)).status()).isEqualTo(200);
                long editedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> edited.get("/v1/sessions").status() == 429);
                System.err.printf("ClusterLimitsTest: a plan edit held on another node after %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - editedAt));

                // Creates at once through two nodes never pass the plan's session cap (counted under a lock).
                assertThat(admin.post("/admin/plans", plan("capped", null, 3, true)).status()).isEqualTo(201);
                String capped = Accounts.createKey(admin, "capped", "capped");
                var creators = List.of(as(nodes.get("n1"), capped), as(nodes.get("n2"), capped));
                var outcomes = new ConcurrentHashMap<Integer, AtomicInteger>();
                try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    var done = new ArrayList<java.util.concurrent.Future<?>>();
                    for (int i = 0; i < 12; i++) {
                        int n = i;
                        done.add(pool.submit(() -> outcomes.computeIfAbsent(creators.get(n % 2).post("/v1/sessions",
                                Map.of("name", "race" + n, "engine", "sandbox")).status(),
                                k -> new AtomicInteger()).incrementAndGet()));
                    }
                    for (var f : done) {
                        f.get();
                    }
                }
                assertThat(outcomes.keySet()).as(outcomes.toString()).containsExactlyInAnyOrder(201, 403);
                assertThat(outcomes.get(201).get()).as(outcomes.toString()).isEqualTo(3);
                assertThat(as(nodes.get("n3"), capped).get("/v1/sessions").json()).hasSize(3);

                // A basic account (10 per second, 100 a month, refused past it) sprays all three nodes.
                String basic = Accounts.createKey(admin, "sprayer", "basic");
                var clients = nodes.values().stream().map(node -> as(node, basic)).toList();
                var first = spray(clients, SPRAY);
                int seconds = (int) SPRAY.toSeconds();
                System.err.printf("ClusterLimitsTest: %s in %d s at 3 nodes%n", first, seconds);
                // One bucket for the cluster: a burst of 10, then 10 a second. One per node would admit 3 times that.
                assertThat(first.admitted()).as(first.toString()).isLessThanOrEqualTo(10 + 10 * seconds + 5)
                        .isGreaterThanOrEqualTo(10);
                assertThat(first.refusedForRate()).as("the spray outran the allowance").isPositive();
                assertThat(first.other()).as(first.toString()).isZero();

                // On until the month's quota: 100 in all, give or take what one flush interval lets through.
                var total = new AtomicInteger(first.admitted());
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    var more = spray(clients, Duration.ofSeconds(1));
                    total.addAndGet(more.admitted());
                    return more.refusedForQuota() > 0 && more.admitted() == 0;
                });
                System.err.printf("ClusterLimitsTest: %d requests admitted in the month, quota 100%n", total.get());
                assertThat(total.get()).isBetween(100, 112);
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
            }
        }
    }

    private record Outcome(int admitted, int refusedForRate, int refusedForQuota, int other) {}

    /** Many clients at once, round robin over the nodes, for {@code during}. */
    private static Outcome spray(List<Api> clients, Duration during) throws Exception {
        var counts = new ConcurrentHashMap<String, AtomicInteger>();
        long until = System.nanoTime() + during.toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 12; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    for (int i = offset; System.nanoTime() < until; i++) {
                        var answer = clients.get(i % clients.size()).get("/v1/sessions");
                        String kind = answer.status() == 200 ? "ok" : answer.status() != 429 ? "other"
                                : answer.text().contains("monthly quota") ? "quota" : "rate";
                        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        return new Outcome(get(counts, "ok"), get(counts, "rate"), get(counts, "quota"), get(counts, "other"));
    }

    private static int get(Map<String, AtomicInteger> counts, String kind) {
        var count = counts.get(kind);
        return count == null ? 0 : count.get();
    }

    /** A plan without a rate limit; {@code named}: the name in the body (a create's), else left out (an update's). */
    private static Map<String, Object> plan(String name, Long requestsPerMonth, int maxSessions, boolean named) {
        var plan = new java.util.HashMap<String, Object>();
        if (named) {
            plan.put("name", name);
        }
        plan.put("requestsPerMonth", requestsPerMonth);
        plan.put("requestsPerSecond", null);
        plan.put("maxSessions", maxSessions);
        plan.put("overage", false);
        return plan;
    }

    private static Api as(ServerProcess node, String key) {
        return new Api(node.api().base(), key);
    }

    private static ServerProcess start(Path temp, String databaseUrl, String name) {
        try {
            return ServerProcess.start(Files.createDirectories(temp.resolve(name)), BUCKET.with(Map.of(
                    "WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                    "WAGATE_CLUSTER_SECRET", SECRET)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
