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
import io.wagate.support.TestServer;
import io.wagate.support.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real wagate processes on one PostgreSQL share the webhook outbox: each delivery is sent by the node
 * that runs its session (one node at a time, once while all goes well), and the pending deliveries of a
 * node killed with kill -9 go out from the node that takes its sessions, in their order; {@code /v1/ws} on
 * one node streams the events of the sessions the other runs.
 */
class ClusterWebhooksTest {
    /** The bucket every node of this class stores media in (cluster mode needs shared media). */
    private static final TestS3.Bucket BUCKET = TestS3.createBucket();
    private static final String SECRET = "webhooks-test-secret-0123456789";
    private static final String SILENT = "15550000002@c.us";

    @Test
    void deliveriesAreSentOnceByTheOwnerAndGoOnAfterItDies(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase(); var receiver = Receiver.start()) {
            var starting = new LinkedHashMap<String, CompletableFuture<ServerProcess>>();
            for (String name : List.of("n1", "n2")) {
                starting.put(name, CompletableFuture.supplyAsync(() -> start(temp, pg.jdbcUrl(), name)));
            }
            var nodes = new LinkedHashMap<String, ServerProcess>();
            for (var s : starting.entrySet()) {
                nodes.put(s.getKey(), s.getValue().get(120, TimeUnit.SECONDS));
            }
            try {
                var n1 = nodes.get("n1").api();
                receiver.answer(r -> Reply.ok());
                var ownerOf = new HashMap<String, String>();
                for (String name : List.of("a", "b")) {
                    Sessions.create(n1, name);
                }
                for (String name : List.of("a", "b")) {
                    Sessions.awaitStatus(n1, name, "WORKING");
                    ownerOf.put(name, await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                            .until(() -> servedBy(n1, name), found -> found != null));
                    var hook = n1.post("/v1/sessions/" + name + "/webhooks", Map.of("webhookUrl",
                            receiver.url("/" + name), "events", List.of("message.any"),
                            "retries", Map.of("policy", "constant", "delaySeconds", 1, "attempts", 100)));
                    assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
                }
                assertThat(ownerOf.values()).containsExactlyInAnyOrder("n1", "n2");

                // Both alive: every send's event reaches its receiver exactly once, through whichever node, and
                // the stream of node 1 hears the sessions of both nodes.
                var ws = WsClient.connect(n1, TestServer.ADMIN_KEY, "session=*&events=message.any");
                var sent = new ArrayList<String>();
                for (int i = 0; i < 6; i++) {
                    for (String name : List.of("a", "b")) {
                        var via = nodes.get(i % 2 == 0 ? "n1" : "n2").api();
                        sent.add(send(via, name, "hello " + i));
                    }
                }
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> received(receiver).keySet().containsAll(sent));
                assertThat(received(receiver)).as("each event sent by one node, once").allSatisfy((id, times) ->
                        assertThat(times).as(id).isEqualTo(1L));
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> ws.frames("message.any").stream().map(f -> f.path("payload").path("id").asText())
                                .collect(Collectors.toSet()).containsAll(sent));
                ws.close();

                // The receiver fails; node 2's session has deliveries pending when node 2 is killed.
                String ofN2 = ownerOf.get("a").equals("n2") ? "a" : "b";
                receiver.answer(r -> Reply.status(503));
                var pending = new ArrayList<String>();
                for (int i = 0; i < 3; i++) {
                    pending.add(send(n1, ofN2, "pending " + i));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/" + ofN2).stream()
                        .filter(r -> r.answered() == 503).map(r -> r.json().path("payload").path("id").asText())
                        .collect(Collectors.toSet()).contains(pending.getFirst()));
                nodes.get("n2").killHard();
                receiver.answer(r -> Reply.ok());
                // Node 1 takes the session once its lease ran out, and sends what node 2 left, in order.
                await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                        .until(() -> delivered(receiver, ofN2).containsAll(pending));
                var order = delivered(receiver, ofN2).stream().filter(pending::contains).distinct().toList();
                assertThat(order).as("in the order they were sent").isEqualTo(pending);
                assertThat(servedBy(n1, ofN2)).isEqualTo("n1");
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
            }
        }
    }

    private static String send(Api api, String session, String text) {
        var sent = api.post("/v1/sendText", Map.of("session", session, "chatId", SILENT, "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().path("id").asText();
    }

    /** How often each message's event came with a 2xx answer. */
    private static Map<String, Long> received(Receiver receiver) {
        return receiver.requests().stream().filter(r -> r.answered() == 200)
                .map(r -> r.json().path("payload").path("id").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The message ids delivered (2xx) to the session's hook, in the order they arrived. */
    private static List<String> delivered(Receiver receiver, String session) {
        return receiver.requests("/" + session).stream().filter(r -> r.answered() == 200)
                .map(r -> r.json().path("payload").path("id").asText()).toList();
    }

    private static String servedBy(Api api, String session) {
        var answer = api.get("/v1/contacts/check-exists?session=" + session + "&phone=15550009999");
        return answer.status() == 200 ? answer.header("X-Wagate-Node") : null;
    }

    private static ServerProcess start(Path temp, String databaseUrl, String name) {
        try {
            return ServerProcess.start(Files.createDirectories(temp.resolve(name)), BUCKET.with(Map.of(
                    "WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                    "WAGATE_CLUSTER_SECRET", SECRET, "WAGATE_ALLOW_PRIVATE_TARGETS", "true")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
