package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node joining a cluster whose sessions all run elsewhere gets its share: the heavier nodes hand a few over at
 * their lease renewals, and the sessions work on the new node on their stored links (no new QR code).
 */
class ClusterRebalanceTest {
    private static final int SESSIONS = 6;
    private static final String SECRET = "rebalance-test-secret-0123456789";

    @Test
    void aJoiningNodeGetsItsShareWithoutNewLinks(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase(); var bucket = TestS3.createBucket()) {
            var nodes = new LinkedHashMap<String, ServerProcess>();
            try {
                for (String name : List.of("n1", "n2")) {
                    nodes.put(name, start(temp, pg.jdbcUrl(), bucket, name));
                }
                var n1 = nodes.get("n1").api();
                for (int i = 0; i < SESSIONS; i++) {
                    Sessions.create(n1, "s" + i);
                }
                for (int i = 0; i < SESSIONS; i++) {
                    Sessions.awaitStatus(n1, "s" + i, "SCAN_QR_CODE");
                    var code = n1.post("/v1/s" + i + "/auth/pairing-code", Map.of("phoneNumber", "1555888000" + i));
                    assertThat(code.status()).as(code.toString()).isEqualTo(200);
                }
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> owned(n1), owned -> owned.equals(Map.of("n1", 3L, "n2", 3L)));

                nodes.put("n3", start(temp, pg.jdbcUrl(), bucket, "n3"));
                long joinedAt = System.nanoTime();
                // Handed over once the imbalance lasted a lease (15 s), at a renewal (every 5 s).
                await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                        .until(() -> owned(n1), owned -> owned.equals(Map.of("n1", 2L, "n2", 2L, "n3", 2L)));
                System.err.printf("ClusterRebalanceTest: 2 sessions moved to the new node %d ms after it answered%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joinedAt));
                for (int i = 0; i < SESSIONS; i++) {
                    var session = Sessions.awaitStatus(n1, "s" + i, "WORKING");
                    assertThat(session.path("me").path("id").asText()).as("no new link")
                            .isEqualTo("1555888000" + i + "@c.us");
                }
                // Settled: nothing moves once every node carries its share.
                var settled = owned(n1);
                await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                        .until(() -> owned(n1), settled::equals);
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
            }
        }
    }

    private static Map<String, Long> owned(Api api) {
        var owned = new HashMap<String, Long>();
        for (var node : api.get("/admin/nodes").json()) {
            if (node.path("sessions").asLong() > 0) {
                owned.put(node.path("name").asText(), node.path("sessions").asLong());
            }
        }
        return owned;
    }

    private static ServerProcess start(Path temp, String databaseUrl, TestS3.Bucket bucket, String name)
            throws java.io.IOException {
        var env = new HashMap<>(bucket.env());
        env.putAll(Map.of("WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                "WAGATE_CLUSTER_SECRET", SECRET, "WAGATE_SANDBOX_LINK_DELAY_MS", "-1"));
        return ServerProcess.start(Files.createDirectories(temp.resolve(name)), env);
    }
}
