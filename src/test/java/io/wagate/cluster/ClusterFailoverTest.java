package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real wagate processes on one PostgreSQL: sessions created through one node spread over all three;
 * a node killed with kill -9 has its sessions WORKING on the others within 30 s on their stored link; a node
 * paused past its lease finds on resuming that it lost its sessions and leaves them alone.
 */
class ClusterFailoverTest {
    private static final int SESSIONS = 9;
    private static final String SECRET = "cluster-test-secret-0123456789";
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    @Test
    void sessionsSpreadAndMoveWhenANodeDiesOrPauses(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase(); var bucket = TestS3.createBucket()) {
            var nodes = startNodes(temp, pg.jdbcUrl(), bucket, List.of("n1", "n2", "n3"));
            try {
                var n1 = nodes.get("n1").api();

                // A second start of a live name refuses to start, naming why.
                Path twin = Files.createDirectories(temp.resolve("twin"));
                var duplicate = ServerProcess.launch(twin, env(pg.jdbcUrl(), bucket, "n1"));
                assertThat(duplicate.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(duplicate.exitValue()).isNotZero();
                assertThat(Files.readString(ServerProcess.logOf(twin))).contains("a node named 'n1' is already running");

                for (int i = 0; i < SESSIONS; i++) {
                    Sessions.create(n1, "s" + i);
                }
                // Spread: each node takes its share, whichever node the creates went through.
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> owned(n1), owned -> owned.values().stream().mapToLong(Long::longValue).sum() == SESSIONS
                                && owned.size() == 3 && owned.values().stream().allMatch(count -> count > 0));

                // Linked through node 1, which forwards to each session's owner.
                var ownerOf = new HashMap<String, String>();
                for (int i = 0; i < SESSIONS; i++) {
                    String name = "s" + i;
                    Sessions.awaitStatus(n1, name, "SCAN_QR_CODE");
                    ownerOf.put(name, pair(nodes, name, "1555000010" + i));
                }
                for (int i = 0; i < SESSIONS; i++) {
                    Sessions.awaitStatus(n1, "s" + i, "WORKING");
                }
                assertThat(ownerOf.values()).contains("n1", "n2", "n3");

                // kill -9 node 3: its sessions work on nodes 1 and 2 within 30 s, on their stored link.
                var lost = ownerOf.entrySet().stream().filter(e -> e.getValue().equals("n3")).map(Map.Entry::getKey)
                        .toList();
                long killedAt = System.nanoTime();
                nodes.get("n3").killHard();
                for (String name : lost) {
                    String owner = await().atMost(Duration.ofSeconds(30).minusNanos(System.nanoTime() - killedAt))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> workingOn(nodes, List.of("n1", "n2"), name), found -> found != null);
                    ownerOf.put(name, owner);
                }
                System.err.printf("ClusterFailoverTest: %d sessions of the killed node WORKING elsewhere %d ms after kill -9%n",
                        lost.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                for (String name : lost) {
                    int digit = Integer.parseInt(name.substring(1));
                    var session = n1.get("/v1/sessions/" + name).json();
                    assertThat(session.path("status").asText()).isEqualTo("WORKING");
                    assertThat(session.path("me").path("id").asText()).as("no new link")
                            .isEqualTo("1555000010" + digit + "@c.us");
                }

                // Node 2 paused past its lease: node 1 takes its sessions; node 2, resumed, lets them be.
                var paused = nodes.get("n2");
                var ofNode2 = ownerOf.entrySet().stream().filter(e -> e.getValue().equals("n2"))
                        .map(Map.Entry::getKey).toList();
                assertThat(ofNode2).isNotEmpty();
                signal("STOP", paused.pid());
                long pausedAt = System.nanoTime();
                try {
                    // Node 1 forwards to node 2 meanwhile: each such request waits up to a lease for its answer.
                    await().atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofMillis(250))
                            .until(() -> ofNode2.stream().allMatch(name -> workingOn(nodes, List.of("n1"), name) != null));
                    System.err.printf("ClusterFailoverTest: %d sessions of the paused node WORKING on n1 %d ms after SIGSTOP%n",
                            ofNode2.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt));
                } finally {
                    signal("CONT", paused.pid());
                }
                Path pausedLog = ServerProcess.logOf(temp.resolve("n2"));
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.readString(pausedLog).contains("could not renew its leases"));
                var n2 = paused.api();
                for (String name : ofNode2) {
                    var answer = n2.get("/v1/contacts/check-exists?session=" + name + "&phone=15550009999");
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    assertThat(answer.header("X-Wagate-Node")).as("node 2 no longer drives " + name).isEqualTo("n1");
                }
                // What node 2 did on resuming never reached the store: every session is still WORKING.
                for (int i = 0; i < SESSIONS; i++) {
                    assertThat(n1.get("/v1/sessions/s" + i).json().path("status").asText()).isEqualTo("WORKING");
                }
                assertThat(Files.readString(pausedLog)).doesNotContain("could not be resumed");

                // Drained through node 2: node 1 hands everything over to it, without waiting for a lease.
                long drainAt = System.nanoTime();
                var drained = n2.post("/admin/nodes/n1/drain", Map.of());
                CONTRACT.assertConforms("POST", "/admin/nodes/{name}/drain", drained);
                assertThat(drained.json().path("draining").asBoolean()).isTrue();
                var missing = n2.post("/admin/nodes/n9/drain", Map.of());
                assertThat(missing.status()).isEqualTo(404);
                CONTRACT.assertConforms("POST", "/admin/nodes/{name}/drain", missing);
                await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(250))
                        .until(() -> allWorkingOn(nodes, "n2"));
                System.err.printf("ClusterFailoverTest: all sessions WORKING on n2 %d ms after the drain of n1%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainAt));

                // SIGTERM hands over at once too: a new node takes node 2's sessions long before a lease runs out.
                var n4 = startNodes(temp, pg.jdbcUrl(), bucket, List.of("n4")).get("n4");
                nodes.put("n4", n4);
                long termAt = System.nanoTime();
                paused.terminate();
                // Its leases, renewed every 5 s, would run out 10 to 15 s from now: sooner is the hand-over.
                await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(250))
                        .until(() -> allWorkingOn(nodes, "n4"));
                assertThat(paused.awaitExit(Duration.ofSeconds(20))).as("a clean exit").isIn(0, 143);
                System.err.printf("ClusterFailoverTest: all sessions WORKING on n4 %d ms after SIGTERM of n2%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termAt));

                var health = n1.anonymous().get("/health").json();
                assertThat(health.path("node").path("mode").asText()).isEqualTo("cluster");
                assertThat(health.path("node").path("name").asText()).isEqualTo("n1");
                var listed = n1.get("/admin/nodes");
                CONTRACT.assertConforms("GET", "/admin/nodes", listed);
                JsonNode list = listed.json();
                assertThat(list.findValuesAsText("name")).contains("n1", "n3", "n4").doesNotContain("n2");
                for (var node : list) {
                    assertThat(node.path("alive").asBoolean()).as(node.toString())
                            .isEqualTo(!node.path("name").asText().equals("n3"));
                    assertThat(node.path("sessions").asLong()).as(node.toString())
                            .isEqualTo(node.path("name").asText().equals("n4") ? SESSIONS : 0);
                }
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
                keepLogs(temp);
            }
        }
    }

    /** The nodes' logs outlive the temp directory, for whoever reads a failure. */
    private static void keepLogs(Path temp) throws java.io.IOException {
        Path target = Files.createDirectories(Path.of("target", "cluster-test-logs"));
        try (var files = Files.list(temp)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith("-server.log")).toList()) {
                Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static boolean allWorkingOn(Map<String, ServerProcess> nodes, String node) {
        for (int i = 0; i < SESSIONS; i++) {
            if (!node.equals(workingOn(nodes, List.of(node), "s" + i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> env(String databaseUrl, TestS3.Bucket bucket, String name) {
        var env = new HashMap<>(bucket.env());
        env.putAll(Map.of("WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                "WAGATE_CLUSTER_SECRET", SECRET,
                // No auto-link: a session WORKING after a move came back on its stored link.
                "WAGATE_SANDBOX_LINK_DELAY_MS", "-1"));
        return env;
    }

    private static Map<String, ServerProcess> startNodes(Path temp, String databaseUrl, TestS3.Bucket bucket,
                                                         List<String> names)
            throws Exception {
        var starting = new ArrayList<CompletableFuture<ServerProcess>>();
        for (String name : names) {
            Path dir = Files.createDirectories(temp.resolve(name));
            starting.add(CompletableFuture.supplyAsync(() -> ServerProcess.start(dir, env(databaseUrl, bucket, name))));
        }
        var nodes = new java.util.LinkedHashMap<String, ServerProcess>();
        for (int i = 0; i < names.size(); i++) {
            nodes.put(names.get(i), starting.get(i).get(120, TimeUnit.SECONDS));
        }
        return nodes;
    }

    /** Sessions owned per node, as any node's /admin/nodes tells (nodes owning none left out). */
    private static Map<String, Long> owned(Api api) {
        var owned = new HashMap<String, Long>();
        for (var node : api.get("/admin/nodes").json()) {
            if (node.path("sessions").asLong() > 0) {
                owned.put(node.path("name").asText(), node.path("sessions").asLong());
            }
        }
        return owned;
    }

    /** Links the session with a pairing code through node 1 (forwarded to its owner); answers the owner. */
    private static String pair(Map<String, ServerProcess> nodes, String session, String phone) {
        var answer = nodes.get("n1").api().post("/v1/" + session + "/auth/pairing-code", Map.of("phoneNumber", phone));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.header("X-Wagate-Node");
    }

    /** The node among {@code candidates} whose engine side of the session answers a command, or null. */
    private static String workingOn(Map<String, ServerProcess> nodes, List<String> candidates, String session) {
        for (String name : candidates) {
            var answer = nodes.get(name).api().get("/v1/contacts/check-exists?session=" + session + "&phone=15550009999");
            if (answer.status() == 200 && name.equals(answer.header("X-Wagate-Node"))) {
                return name;
            }
        }
        return null;
    }

    private static void signal(String signal, long pid) throws Exception {
        var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
    }
}
