package io.wagate.mediastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.media.Fixtures;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two wagate processes on one PostgreSQL and one bucket (cluster nodes): a file sent through one node downloads
 * through the other, byte for byte, and still does once the first node was killed with kill -9.
 */
class SharedMediaTest {
    private static final String SECRET = "shared-media-secret-0123456789";
    private static final String OLGA = "15554470001";
    private static final String PAVEL = "15554470002";

    @Test
    void aFileSentThroughOneNodeDownloadsThroughTheOtherAlsoOnceTheFirstIsGone(@TempDir Path temp) throws Exception {
        try (var pg = TestPostgres.createDatabase(); var bucket = TestS3.createBucket()) {
            byte[] image = Fixtures.jpeg();
            String url;
            try (var n1 = ServerProcess.start(Files.createDirectories(temp.resolve("n1")), env(pg.jdbcUrl(), bucket, "n1"))) {
                // n1 alone: it runs both sessions, so the sandbox delivers between them.
                Sessions.linked(n1.api(), "olga", OLGA);
                Sessions.linked(n1.api(), "pavel", PAVEL);
                var sent = n1.api().post("/v1/sendImage", Map.of("session", "olga", "chatId", PAVEL,
                        "file", Map.of("data", Base64.getEncoder().encodeToString(image), "filename", "photo.jpg")));
                assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
                url = sent.json().path("media").path("url").asText();

                try (var n2 = ServerProcess.start(Files.createDirectories(temp.resolve("n2")),
                        env(pg.jdbcUrl(), bucket, "n2"))) {
                    var through2 = n2.api().get(url);
                    assertThat(through2.status()).as(through2.toString()).isEqualTo(200);
                    assertThat(through2.bytes()).isEqualTo(image);
                    assertThat(through2.header("Content-Disposition")).contains("photo.jpg");

                    n1.killHard();
                    // A download is forwarded to the session's owner like any request for the session: while the
                    // dead owner's lease runs out it is a 503 with Retry-After, then n2 owns the session and serves
                    // the file from the bucket.
                    var afterDeath = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                            .pollInterval(java.time.Duration.ofMillis(250))
                            .until(() -> n2.api().get(url), r -> r.status() != 503);
                    assertThat(afterDeath.bytes()).as("after n1 died").isEqualTo(image);
                }
            }
            assertThat(Files.exists(temp.resolve("n1").resolve("media"))).as("nothing in n1's data dir").isFalse();
        }
    }

    private static Map<String, String> env(String databaseUrl, TestS3.Bucket bucket, String name) {
        var env = new HashMap<>(bucket.env());
        env.putAll(Map.of("WAGATE_DATABASE_URL", databaseUrl, "WAGATE_CLUSTER_NODE_NAME", name,
                "WAGATE_CLUSTER_SECRET", SECRET, "WAGATE_SANDBOX_LINK_DELAY_MS", "-1"));
        return env;
    }
}
