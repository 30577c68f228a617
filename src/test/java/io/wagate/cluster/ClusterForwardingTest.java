package io.wagate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.Multipart;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestS3;
import io.wagate.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real wagate processes on one PostgreSQL, one of them with a 48 MB heap: a request for a session the
 * other node runs is answered through it (sends, a 40 MB base64 body, a multipart upload, the file's
 * download), signed with the cluster secret; a wrong signature is a 401; a forwarded request is never
 * forwarded again; a request forwarded to a node that just died is a 503 with Retry-After, and works once
 * the session moved.
 */
class ClusterForwardingTest {
    /** The bucket every node of this class stores media in (cluster mode needs shared media). */
    private static final TestS3.Bucket BUCKET = TestS3.createBucket();
    private static final String SECRET = "forwarding-test-secret-0123456789";
    private static final long MB = 1024 * 1024;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void requestsForASessionOfAnotherNodeAreAnsweredThroughIt(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase()) {
            var big = CompletableFuture.supplyAsync(() -> start(temp, pg.jdbcUrl(), "n1", Map.of()));
            var small = CompletableFuture.supplyAsync(() -> start(temp, pg.jdbcUrl(), "n2",
                    Map.of("JAVA_TOOL_OPTIONS", "-Xmx48m")));
            var nodes = Map.of("n1", big.get(120, TimeUnit.SECONDS), "n2", small.get(120, TimeUnit.SECONDS));
            try {
                var n1 = nodes.get("n1").api();
                Sessions.create(n1, "a");
                Sessions.create(n1, "b");
                var ownerOf = new HashMap<String, String>();
                for (String name : List.of("a", "b")) {
                    Sessions.awaitStatus(n1, name, "WORKING");
                    // The same node answers through either: the one that runs the session.
                    String owner = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                            .until(() -> servedBy(n1, name), found -> found != null);
                    assertThat(servedBy(nodes.get("n2").api(), name)).isEqualTo(owner);
                    ownerOf.put(name, owner);
                }
                assertThat(ownerOf.values()).as("one session on each node").containsExactlyInAnyOrder("n1", "n2");
                String onN1 = ownerOf.get("a").equals("n1") ? "a" : "b";
                String onN2 = onN1.equals("a") ? "b" : "a";

                // Sends through either node, for either session: the owner sends, its answer comes back.
                for (var via : nodes.entrySet()) {
                    for (String session : List.of("a", "b")) {
                        var sent = via.getValue().api().post("/v1/sendText", Map.of("session", session,
                                "chatId", "15550000002@c.us", "text", "via " + via.getKey()));
                        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
                        assertThat(sent.header("X-Wagate-Node")).isEqualTo(ownerOf.get(session));
                    }
                }

                // Each node counts what it forwarded, and what it holds.
                for (var node : nodes.entrySet()) {
                    String metrics = node.getValue().api().get("/metrics").text();
                    assertThat(metric(metrics, "wagate_cluster_forwarded_requests_total", "outcome=\"answered\""))
                            .as(node.getKey()).isGreaterThanOrEqualTo(2);
                    assertThat(metric(metrics, "wagate_cluster_sessions_owned", "node=")).isEqualTo(1);
                    assertThat(metric(metrics, "wagate_cluster_takeovers_total", "node=")).isEqualTo(1);
                    // Leases are renewed every third of a lease (5 s) from the start: the first may be due yet.
                    var api = node.getValue().api();
                    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                            metric(api.get("/metrics").text(), "wagate_cluster_lease_renewals_total", "node=") > 0);
                }

                // 40 MB as base64 (a 53 MB body, chunked) through the 48 MB node to node 1, and back as a download.
                var n2 = nodes.get("n2").api();
                long size = 40 * MB / 3 * 3;
                var sent = sendLargeFile(n2, onN1, size);
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
                assertThat(sent.headers().firstValue("X-Wagate-Node")).hasValue("n1");
                var message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.body());
                assertThat(message.path("media").path("size").asLong()).isEqualTo(size);
                try (var download = n2.stream(message.path("media").path("url").asText())) {
                    assertThat(sameAsLargeFile(download, size)).as("the stored file, byte for byte, through n2").isTrue();
                }
                // A multipart upload streams through as it arrives.
                var form = Multipart.browser().field("number", "15550000002")
                        .file("photos", "beach.jpg", "image/jpeg", Fixtures.jpeg()).field("caption", "forwarded");
                var photo = n2.post("/api/whatsapp/send/photo?session=" + onN1, form.bytes(), form.contentType());
                assertThat(photo.status()).as(photo.toString()).isEqualTo(200);
                assertThat(photo.json().path("sent").asInt()).isEqualTo(1);
                assertThat(photo.header("X-Wagate-Node")).isEqualTo("n1");
                assertThat(Files.readString(ServerProcess.logOf(temp.resolve("n2")))).doesNotContain("OutOfMemoryError");

                // Not forwarded by the node itself: a wrong secret is a 401, and logged.
                var signature = new ForwardSignature(SECRET);
                var wrong = new ForwardSignature("not-the-cluster-secret-at-all");
                String target = "/v1/contacts/check-exists?session=" + onN1 + "&phone=15550009999";
                long now = System.currentTimeMillis();
                var refused = signed(n2, target, "n1", now, wrong.sign("n1", now, "GET", target));
                assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
                assertThat(refused.text()).contains("wrong cluster signature");
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(ServerProcess.logOf(temp.resolve("n2")))
                        .contains("wrong cluster signature"));
                var stale = signed(n2, target, "n1", now - Duration.ofMinutes(10).toMillis(),
                        signature.sign("n1", now - Duration.ofMinutes(10).toMillis(), "GET", target));
                assertThat(stale.status()).as("an old signature").isEqualTo(401);
                assertThat(stale.text()).contains("wrong cluster signature");
                // Signed right, but sent to the node that does not run the session: answered there, not sent on.
                var once = signed(n2, target, "n1", now, signature.sign("n1", now, "GET", target));
                assertThat(once.status()).as(once.toString()).isEqualTo(503);
                assertThat(once.header("Retry-After")).isNotNull();
                assertThat(once.header("X-Wagate-Node")).isEqualTo("n2");

                // The owner of the other session dies: through n1 a 503 with Retry-After, then it works on n1.
                nodes.get("n2").killHard();
                var gone = n1.post("/v1/sendText", Map.of("session", onN2, "chatId", "15550000002@c.us",
                        "text", "to a dead node"));
                assertThat(gone.status()).as(gone.toString()).isEqualTo(503);
                assertThat(gone.header("Retry-After")).isNotNull();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> "n1".equals(servedBy(n1, onN2)));
                var after = n1.post("/v1/sendText", Map.of("session", onN2, "chatId", "15550000002@c.us",
                        "text", "after the move"));
                assertThat(after.status()).as(after.toString()).isEqualTo(201);
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
                Path target = Files.createDirectories(Path.of("target", "cluster-test-logs"));
                for (String name : nodes.keySet()) {
                    Files.copy(ServerProcess.logOf(temp.resolve(name)), target.resolve("forwarding-" + name + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static ServerProcess start(Path temp, String databaseUrl, String name, Map<String, String> extra) {
        try {
            var env = new HashMap<>(Map.of("WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                    "WAGATE_CLUSTER_SECRET", SECRET));
            env.putAll(extra);
            return ServerProcess.start(Files.createDirectories(temp.resolve(name)), BUCKET.with(env));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The node whose engine side answered a command for the session (through {@code api}), or null. */
    private static String servedBy(Api api, String session) {
        var answer = api.get("/v1/contacts/check-exists?session=" + session + "&phone=15550009999");
        return answer.status() == 200 ? answer.header("X-Wagate-Node") : null;
    }

    private static Api.Response signed(Api api, String target, String by, long at, String signature) {
        return api.withHeader("X-API-Key", TestServer.ADMIN_KEY).withHeader(ForwardSignature.BY, by).withHeader(ForwardSignature.AT, Long.toString(at))
                .withHeader(ForwardSignature.SIGNATURE, signature).get(target);
    }

    /** The value of the series {@code name} whose labels contain {@code label}, from a Prometheus scrape. */
    private static double metric(String scrape, String name, String label) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") && l.contains(label)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no " + name + " with " + label + " in:\n" + scrape));
    }

    /** The PNG's bytes padded to a multiple of 3, then zeros: its base64 is the PNG's, then "AAAA" repeated. */
    private static byte[] head() {
        byte[] png = Fixtures.png();
        return java.util.Arrays.copyOf(png, (png.length + 2) / 3 * 3);
    }

    private static HttpResponse<String> sendLargeFile(Api api, String session, long size) throws Exception {
        byte[] head = head();
        long zeros = size - head.length;
        byte[] prefix = ("{\"session\":\"" + session + "\",\"chatId\":\"15550000002@c.us\",\"file\":{\"filename\":"
                + "\"big.bin\",\"data\":\"" + Base64.getEncoder().encodeToString(head)).getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}}".getBytes(StandardCharsets.UTF_8);
        InputStream body = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(prefix), new Repeated((byte) 'A', zeros / 3 * 4), new ByteArrayInputStream(suffix))));
        var request = HttpRequest.newBuilder(URI.create(api.base() + "/v1/sendFile")).timeout(Duration.ofSeconds(120))
                .header("X-API-Key", TestServer.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean sameAsLargeFile(InputStream in, long size) throws IOException {
        byte[] head = head();
        if (!java.util.Arrays.equals(in.readNBytes(head.length), head)) {
            return false;
        }
        long count = head.length;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) > 0) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] != 0) {
                    return false;
                }
            }
            count += read;
        }
        return count == size;
    }

    /** {@code count} times one byte, made as it is read. */
    private static final class Repeated extends InputStream {
        private final byte value;
        private long left;

        Repeated(byte value, long count) {
            this.value = value;
            this.left = count;
        }

        @Override
        public int read() {
            return left-- > 0 ? value : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }
}
