package io.wagate.mediastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.config.MediaStoreConfig;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.Sessions;
import io.wagate.support.TestS3;
import io.wagate.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * WAGATE_MEDIA_STORE=s3 against a real S3-compatible server (S3Proxy): what a session sends and what it receives
 * is in the bucket, not in the data dir, and downloads from there byte for byte; a bucket that cannot be used
 * stops start-up naming the setting; a bucket lost while running is a 503, and a send still goes out.
 */
class S3MediaStoreTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String LENA = "15554460001";
    private static final String MILO = "15554460002";

    @Test
    void sentAndReceivedMediaLiveInTheBucketAndDownloadByteForByte() {
        try (var bucket = TestS3.createBucket();
             var server = TestServer.startWithoutAutoLink(bucket::configure)) {
            var api = server.api();
            Sessions.linked(api, "lena", LENA);
            Sessions.linked(api, "milo", MILO);
            byte[] png = Fixtures.png();

            var sent = sendImage(api, "lena", MILO, png);
            assertThat(api.get(sent.path("media").path("url").asText()).bytes()).isEqualTo(png);
            // Milo's copy arrived through the sandbox and was stored like any received media.
            var received = received(api, "milo", LENA, sent);
            assertThat(api.get(received.path("media").path("url").asText()).bytes()).isEqualTo(png);

            var objects = bucket.objects();
            assertThat(objects).hasSize(2);
            assertThat(objects.keySet()).allMatch(key -> key.matches("media/[A-Za-z0-9_]+/[0-9a-f]{32}"));
            assertThat(objects.values()).containsOnly((long) png.length);
            objects.keySet().forEach(key -> assertThat(bucket.read(key)).isEqualTo(png));
            assertThat(Files.exists(server.dataDir().resolve("media"))).as("nothing in the data dir").isFalse();

            // Restarted on the same bucket, the file is still there (nothing of it was held by the process).
            server.restart();
            assertThat(server.api().get(sent.path("media").path("url").asText()).bytes()).isEqualTo(png);
        }
    }

    @Test
    void aBucketThatCannotBeUsedStopsStartUpSayingWhich() {
        try (var bucket = TestS3.createBucket()) {
            var good = bucket.config();
            assertThatThrownBy(() -> TestServer.start(c -> c.withMediaStore(new MediaStoreConfig.S3(good.endpoint(),
                    "no-such-bucket", good.region(), good.accessKey(), good.secretKey(), true))))
                    .hasMessageContaining("bucket 'no-such-bucket'").hasMessageContaining("does not exist")
                    .hasMessageContaining("WAGATE_S3_BUCKET");
            assertThatThrownBy(() -> TestServer.start(c -> c.withMediaStore(new MediaStoreConfig.S3(good.endpoint(),
                    good.bucket(), good.region(), good.accessKey(), "not-the-secret", true))))
                    .hasMessageContaining("refused the credentials").hasMessageContaining("WAGATE_S3_SECRET_KEY")
                    .hasMessageNotContaining("not-the-secret");
            assertThatThrownBy(() -> TestServer.start(c -> c.withMediaStore(new MediaStoreConfig.S3(
                    Optional.of(URI.create("http://127.0.0.1:9")), good.bucket(), good.region(), good.accessKey(),
                    good.secretKey(), true))))
                    .hasMessageContaining("cannot reach").hasMessageContaining("WAGATE_S3_ENDPOINT");
        }
    }

    @Test
    void aBucketLostWhileRunningIsA503AndSendsStillGoOut() {
        try (var bucket = TestS3.createBucket();
             var server = TestServer.startWithoutAutoLink(bucket::configure)) {
            var api = server.api();
            Sessions.linked(api, "lena", LENA);
            Sessions.linked(api, "milo", MILO);
            var before = sendImage(api, "lena", MILO, Fixtures.png());
            // Milo's copy is stored after the send's answer: the bucket goes once both copies are in it, so no
            // write lands between emptying it and deleting it.
            received(api, "milo", LENA, before);
            await().atMost(Duration.ofSeconds(20)).until(() -> bucket.objects().size() == 2);
            bucket.delete();

            var download = api.get(before.path("media").path("url").asText());
            assertThat(download.status()).as(download.toString()).isEqualTo(503);
            assertThat(download.header("Retry-After")).isNotBlank();
            assertThat(download.json().path("message").asText()).contains("media store");
            CONTRACT.assertConforms("GET", "/v1/files/{session}/{messageId}", download);
            // The message went out (WhatsApp has it): the send is a 201 whatever became of its copy here.
            var after = sendImage(api, "lena", MILO, Fixtures.jpeg());
            assertThat(api.get(after.path("media").path("url").asText()).status()).isEqualTo(503);
            assertThat(api.get("/v1/messages?session=lena&chatId=" + MILO + "&downloadMedia=true").status())
                    .isEqualTo(200);
        }
    }

    private static JsonNode sendImage(Api api, String session, String to, byte[] image) {
        var response = api.post("/v1/sendImage", Map.of("session", session, "chatId", to,
                "file", Map.of("data", Base64.getEncoder().encodeToString(image), "filename", "photo")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** The recipient's copy of {@code sent}, once it is stored. */
    private static JsonNode received(Api api, String session, String from, JsonNode sent) {
        String id = sent.path("id").asText();
        String copyId = "false_" + from + "@c.us_" + id.substring(id.lastIndexOf('_') + 1);
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (var m : api.get("/v1/messages?session=" + session + "&chatId=" + from).json()) {
                if (m.path("id").asText().equals(copyId)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }
}
