package io.wagate.emulator;

import static io.wagate.emulator.LinkedPair.receivedId;
import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.media.Fixtures;
import io.wagate.support.TestS3;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Baileys engine with WAGATE_MEDIA_STORE=s3: what a session sends is in the bucket at once; what it receives
 * (fetched from WhatsApp's media host, here the emulator's, and decrypted by Baileys the first time it is asked
 * for) goes from the bridge's file into the bucket, and is served from there byte for byte.
 */
class EmulatorS3MediaTest {
    static final TestS3.Bucket bucket = TestS3.createBucket();
    @RegisterExtension
    static final LinkedPair pair = new LinkedPair("s3a", "15550007771", "s3b", "15550007772", bucket::configure);
    static final LinkedPair.Side A = pair.a;
    static final LinkedPair.Side B = pair.b;

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @Test
    void receivedMediaIsFetchedIntoTheBucketAndServedFromThere() throws Exception {
        byte[] pdf = Fixtures.pdf();
        var sent = pair.send(A, "/v1/sendFile", Map.of("chatId", B.chatId(),
                "file", Map.of("data", Base64.getEncoder().encodeToString(pdf), "filename", "report.pdf")));
        assertThat(bucket.objects()).as("A's own copy, stored with the send").hasSize(1);
        assertThat(pair.api().get(sent.path("media").path("url").asText()).bytes()).isEqualTo(pdf);

        String id = receivedId(sent.path("id").asText(), A);
        var atB = pair.awaitEvent(B, "message", p -> p.path("id").asText().equals(id));
        assertThat(bucket.objects()).as("B's copy is fetched only when asked for").hasSize(1);
        var download = pair.api().get(atB.path("media").path("url").asText());
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(pdf);

        var objects = bucket.objects();
        assertThat(objects).hasSize(2);
        assertThat(objects.values()).containsOnly((long) pdf.length);
        assertThat(pair.server().dataDir().resolve("media")).doesNotExist();
        var bridgeMedia = pair.server().dataDir().resolve("bridge-media");
        if (Files.isDirectory(bridgeMedia)) {
            try (var left = Files.walk(bridgeMedia)) {
                assertThat(left.filter(Files::isRegularFile)).as("the bridge's file, moved into the bucket").isEmpty();
            }
        }
        // Served again from the bucket, without asking WhatsApp's media host.
        long downloads = pair.emulator().media().downloads();
        assertThat(pair.api().get(atB.path("media").path("url").asText()).bytes()).isEqualTo(pdf);
        assertThat(pair.emulator().media().downloads()).isEqualTo(downloads);
    }
}
