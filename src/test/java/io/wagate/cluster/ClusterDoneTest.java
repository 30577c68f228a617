package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Api;
import io.wagate.support.Receiver;
import io.wagate.support.Receiver.Reply;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster end to end: three real processes on one PostgreSQL, 60 sandbox sessions created through node 1
 * spread over all three, messages sent through every node to sessions the others run, node 3 killed with
 * kill -9 and its sessions WORKING on nodes 1 and 2 within 30 s on their stored link; every message that got
 * a 201 is in the history, and every message's event reached the webhook receiver at least once.
 */
class ClusterDoneTest {
    /** The bucket every node of this class stores media in (cluster mode needs shared media). */
    private static final TestS3.Bucket BUCKET = TestS3.createBucket();
    private static final String SECRET = "done-test-secret-0123456789";
    private static final int SESSIONS = 60;
    private static final String SILENT = "15550000002@c.us";

    @Test
    void sixtySessionsOnThreeNodesSurviveTheLossOfOne(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase(); var receiver = Receiver.start()) {
            receiver.answer(r -> Reply.ok());
            var starting = new LinkedHashMap<String, CompletableFuture<ServerProcess>>();
            for (String name : List.of("n1", "n2", "n3")) {
                starting.put(name, CompletableFuture.supplyAsync(() -> start(temp, pg.jdbcUrl(), name,
                        receiver.url("/hook"))));
            }
            var nodes = new LinkedHashMap<String, ServerProcess>();
            for (var s : starting.entrySet()) {
                nodes.put(s.getKey(), s.getValue().get(180, TimeUnit.SECONDS));
            }
            try {
                var n1 = nodes.get("n1").api();
                for (int i = 0; i < SESSIONS; i++) {
                    Sessions.create(n1, "s" + i);
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    var owned = new HashMap<String, Long>();
                    for (var node : n1.get("/admin/nodes").json()) {
                        owned.put(node.path("name").asText(), node.path("sessions").asLong());
                    }
                    return owned.values().stream().mapToLong(Long::longValue).sum() == SESSIONS
                            && owned.values().stream().allMatch(count -> count == SESSIONS / 3);
                });

                // Linked through node 1, forwarded to each session's node.
                var ownerOf = new HashMap<String, String>();
                for (int i = 0; i < SESSIONS; i++) {
                    Sessions.awaitStatus(n1, "s" + i, "SCAN_QR_CODE");
                    var code = n1.post("/v1/s" + i + "/auth/pairing-code", Map.of("phoneNumber", phone(i)));
                    assertThat(code.status()).as(code.toString()).isEqualTo(200);
                    ownerOf.put("s" + i, code.header("X-Wagate-Node"));
                }
                for (int i = 0; i < SESSIONS; i++) {
                    Sessions.awaitStatus(n1, "s" + i, "WORKING");
                }
                assertThat(ownerOf.values().stream().collect(Collectors.groupingBy(o -> o, Collectors.counting())))
                        .as("20 on each node").containsOnly(Map.entry("n1", 20L), Map.entry("n2", 20L),
                                Map.entry("n3", 20L));

                // Sent through every node, most of them to a session another node runs.
                var sent = new ConcurrentHashMap<String, Set<String>>();
                int forwarded = 0;
                for (int i = 0; i < SESSIONS; i++) {
                    for (String via : List.of("n1", "n2", "n3")) {
                        String session = "s" + i;
                        var answer = nodes.get(via).api().post("/v1/sendText", Map.of("session", session,
                                "chatId", SILENT, "text", "via " + via));
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                        sent.computeIfAbsent(session, k -> ConcurrentHashMap.newKeySet()).add(answer.json().path("id").asText());
                        forwarded += via.equals(ownerOf.get(session)) ? 0 : 1;
                    }
                }
                assertThat(forwarded).isEqualTo(SESSIONS * 2);

                // kill -9 node 3: its 20 sessions WORKING on nodes 1 and 2 within 30 s, no new link.
                var lost = ownerOf.entrySet().stream().filter(e -> e.getValue().equals("n3")).map(Map.Entry::getKey)
                        .toList();
                long killedAt = System.nanoTime();
                nodes.get("n3").killHard();
                var live = List.of("n1", "n2");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> lost.stream().allMatch(name -> {
                            String owner = servedBy(n1, name);
                            return owner != null && live.contains(owner);
                        }));
                System.err.printf("ClusterDoneTest: %d sessions of the killed node WORKING elsewhere %d ms after kill -9%n",
                        lost.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                for (String name : lost) {
                    var session = n1.get("/v1/sessions/" + name).json();
                    assertThat(session.path("status").asText()).isEqualTo("WORKING");
                    assertThat(session.path("me").path("id").asText()).as("no new link")
                            .isEqualTo(phone(Integer.parseInt(name.substring(1))) + "@c.us");
                }
                // Sends go on through the two nodes left, to every session.
                for (int i = 0; i < SESSIONS; i++) {
                    String session = "s" + i;
                    var answer = nodes.get(live.get(i % 2)).api().post("/v1/sendText", Map.of("session", session,
                            "chatId", SILENT, "text", "after"));
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                    sent.get(session).add(answer.json().path("id").asText());
                }

                // Every 201'd message is in its session's history.
                for (var entry : sent.entrySet()) {
                    var history = n1.get("/v1/messages?session=" + entry.getKey() + "&chatId=" + SILENT + "&limit=100");
                    assertThat(history.status()).isEqualTo(200);
                    var ids = new HashSet<String>(history.json().findValuesAsText("id"));
                    assertThat(ids).as(entry.getKey()).containsAll(entry.getValue());
                }
                // Every message's event reached the receiver (2xx) at least once.
                var all = sent.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> delivered(receiver).containsAll(all));
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
            }
        }
    }

    private static String phone(int i) {
        return "1555" + String.format("%07d", 2000 + i);
    }

    private static Set<String> delivered(Receiver receiver) {
        var ids = new HashSet<String>();
        for (var request : receiver.requests()) {
            if (request.answered() == 200) {
                ids.add(request.json().path("payload").path("id").asText());
            }
        }
        return ids;
    }

    private static String servedBy(Api api, String session) {
        var answer = api.get("/v1/contacts/check-exists?session=" + session + "&phone=15550009999");
        return answer.status() == 200 ? answer.header("X-Wagate-Node") : null;
    }

    private static ServerProcess start(Path temp, String databaseUrl, String name, String hook) {
        try {
            return ServerProcess.start(Files.createDirectories(temp.resolve(name)), BUCKET.with(Map.of(
                    "WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                    "WAGATE_CLUSTER_SECRET", SECRET, "WAGATE_ALLOW_PRIVATE_TARGETS", "true",
                    "WAGATE_WEBHOOK_URL", hook, "WAGATE_WEBHOOK_EVENTS", "message.any",
                    // No auto-link: a session WORKING after the move came back on its stored link.
                    "WAGATE_SANDBOX_LINK_DELAY_MS", "-1")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
