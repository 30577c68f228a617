package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestS3;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandbox sessions run by three different nodes talk to each other through the store: a text both ways with its
 * delivery and read acks, a group message to members on the two other nodes; the MCP and WAHA doors of a node
 * that does not run the session answer from its owner; and a text sent while the recipient's node is dead
 * (kill -9) reaches the recipient once another node runs its session.
 */
class ClusterSandboxTest {
    private static final String SECRET = "sandbox-test-secret-0123456789";
    private static final Map<String, String> PHONES = Map.of("a", "15557770001", "b", "15557770002",
            "c", "15557770003");

    @Test
    void sessionsOnDifferentNodesTalkAndNothingSentToADeadNodeIsLost(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase(); var bucket = TestS3.createBucket()) {
            var starting = new LinkedHashMap<String, CompletableFuture<ServerProcess>>();
            for (String name : List.of("n1", "n2", "n3")) {
                Path dir = Files.createDirectories(temp.resolve(name));
                starting.put(name, CompletableFuture.supplyAsync(() -> ServerProcess.start(dir, env(pg.jdbcUrl(),
                        bucket, name))));
            }
            var nodes = new LinkedHashMap<String, ServerProcess>();
            for (var node : starting.entrySet()) {
                nodes.put(node.getKey(), node.getValue().get(120, TimeUnit.SECONDS));
            }
            try {
                var n1 = nodes.get("n1").api();
                var ownerOf = new HashMap<String, String>();
                for (String name : List.of("a", "b", "c")) {
                    Sessions.create(n1, name);
                }
                // One session a node (the share of 3 over 3), each linked through node 1 (forwarded to its owner).
                for (String name : List.of("a", "b", "c")) {
                    Sessions.awaitStatus(n1, name, "SCAN_QR_CODE");
                    var code = n1.post("/v1/" + name + "/auth/pairing-code", Map.of("phoneNumber", PHONES.get(name)));
                    assertThat(code.status()).as(code.toString()).isEqualTo(200);
                    ownerOf.put(name, code.header("X-Wagate-Node"));
                    Sessions.awaitStatus(n1, name, "WORKING");
                }
                assertThat(ownerOf.values()).containsExactlyInAnyOrder("n1", "n2", "n3");

                // a → b, through the node that runs b: b has it, a hears DEVICE, then READ once b read it.
                var viaB = nodes.get(ownerOf.get("b")).api();
                var toB = send(viaB, "a", chat("b"), "hello b");
                String copyAtB = "false_" + chat("a") + "_" + bare(toB);
                assertThat(awaitMessage(n1, "b", chat("a"), copyAtB, 0).path("body").asText()).isEqualTo("hello b");
                awaitMessage(n1, "a", chat("b"), toB.path("id").asText(), 2);
                var seen = n1.post("/v1/sendSeen", Map.of("session", "b", "chatId", chat("a"),
                        "messageIds", List.of(copyAtB)));
                assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
                assertThat(awaitMessage(n1, "a", chat("b"), toB.path("id").asText(), 3).path("ackName").asText())
                        .isEqualTo("READ");
                // Media to another node's session: refused, the spool being the sender's node's disk.
                var image = n1.post("/v1/sendImage", Map.of("session", "a", "chatId", chat("b"), "caption", "look",
                        "file", Map.of("data", java.util.Base64.getEncoder().encodeToString(
                                io.wagate.media.Fixtures.png()), "filename", "look.png")));
                assertThat(image.status()).as(image.toString()).isEqualTo(501);
                assertThat(image.text()).contains("another node");
                // … and back.
                var toA = send(n1, "b", chat("a"), "hello a");
                assertThat(awaitMessage(n1, "a", chat("b"), "false_" + chat("b") + "_" + bare(toA), 0)
                        .path("body").asText()).isEqualTo("hello a");
                awaitMessage(n1, "b", chat("a"), toA.path("id").asText(), 2);

                // A group of a with b and c, each member on another node: both get the message, a hears DEVICE.
                var group = n1.post("/v1/sessions/a/groups", Map.of("name", "Across",
                        "participants", List.of(Map.of("id", PHONES.get("b")), Map.of("id", PHONES.get("c")))));
                assertThat(group.status()).as(group.toString()).isEqualTo(201);
                String groupId = group.json().path("id").asText();
                var toGroup = send(n1, "a", groupId, "hello group");
                String groupCopy = "false_" + groupId + "_" + bare(toGroup) + "_" + chat("a");
                for (String member : List.of("b", "c")) {
                    var copy = awaitMessage(n1, member, groupId, groupCopy, 0);
                    assertThat(copy.path("participant").asText()).isEqualTo(chat("a"));
                    assertThat(copy.path("body").asText()).isEqualTo("hello group");
                }
                awaitMessage(n1, "a", groupId, toGroup.path("id").asText(), 2);

                // The MCP and WAHA doors, reached through c's node, answer for a from a's node.
                var throughC = nodes.get(ownerOf.get("c")).api();
                var mcp = throughC.withHeader("X-API-Key", TestServer.ADMIN_KEY)
                        .withHeader("Accept", "application/json, text/event-stream").post("/mcp",
                        Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/call", "params", Map.of("name", "send_text",
                                "arguments", Map.of("session", "a", "chatId", chat("c"), "text", "via mcp"))));
                assertThat(mcp.status()).as(mcp.toString()).isEqualTo(200);
                assertThat(mcp.header("X-Wagate-Node")).isEqualTo(ownerOf.get("a"));
                assertThat(mcp.text()).contains("via mcp").doesNotContain("\"isError\":true");
                for (String path : List.of("/api/sessions/a", "/api/sessions/a/me")) {
                    var waha = throughC.get(path);
                    assertThat(waha.status()).as(waha.toString()).isEqualTo(200);
                    assertThat(waha.header("X-Wagate-Node")).as(path).isEqualTo(ownerOf.get("a"));
                }
                awaitMessage(throughC, "c", chat("a"), "false_" + chat("a") + "_" + bare(mcpSent(mcp)), 0);

                // b's node killed: what a sends meanwhile waits in the store and reaches b on its next node.
                String deadNode = ownerOf.get("b");
                var survivor = nodes.get(ownerOf.get("a")).api();
                nodes.get(deadNode).killHard();
                var meanwhile = send(survivor, "a", chat("b"), "while you were away");
                String meanwhileAtB = "false_" + chat("a") + "_" + bare(meanwhile);
                var atB = await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                        .until(() -> find(survivor, "b", chat("a"), meanwhileAtB), found -> found != null);
                assertThat(atB.path("body").asText()).isEqualTo("while you were away");
                var session = survivor.get("/v1/sessions/b").json();
                assertThat(session.path("status").asText()).isEqualTo("WORKING");
                assertThat(session.path("me").path("id").asText()).as("no new link").isEqualTo(chat("b"));
                awaitMessage(survivor, "a", chat("b"), meanwhile.path("id").asText(), 2);
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
            }
        }
    }

    /** The message a send tool answered with, out of the MCP answer (JSON, or one server-sent event). */
    private static JsonNode mcpSent(io.wagate.support.Api.Response answer) throws Exception {
        String text = answer.text();
        String json = text.startsWith("{") ? text : text.substring(text.indexOf("data:") + 5).trim();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var result = mapper.readTree(json).path("result");
        return mapper.readTree(result.path("content").get(0).path("text").asText());
    }

    private static String chat(String session) {
        return PHONES.get(session) + "@c.us";
    }

    private static JsonNode send(Api api, String session, String chatId, String text) {
        var sent = api.post("/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json();
    }

    /** The WhatsApp id of a message (its API id ends with it). */
    private static String bare(JsonNode sent) {
        String id = sent.path("id").asText();
        return id.substring(id.lastIndexOf('_') + 1);
    }

    private static JsonNode awaitMessage(Api api, String session, String chatId, String id, int minAck) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> find(api, session, chatId, id), m -> m != null && m.path("ack").asInt() >= minAck);
    }

    private static JsonNode find(Api api, String session, String chatId, String id) {
        var answer = api.get("/v1/messages?session=" + session + "&chatId=" + chatId);
        if (answer.status() != 200) {
            return null;
        }
        for (var message : answer.json()) {
            if (message.path("id").asText().equals(id)) {
                return message;
            }
        }
        return null;
    }

    private static Map<String, String> env(String databaseUrl, TestS3.Bucket bucket, String name) {
        var env = new HashMap<>(bucket.env());
        env.putAll(Map.of("WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                "WAGATE_CLUSTER_SECRET", SECRET, "WAGATE_SANDBOX_LINK_DELAY_MS", "-1",
                // A short lease: the dead node's session moves within seconds.
                "WAGATE_CLUSTER_LEASE_MS", "5000"));
        return env;
    }
}
