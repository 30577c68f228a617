package io.wagate.mediastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.config.MediaStoreConfig;
import io.wagate.support.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What both stores promise, against the data dir and a real S3-compatible server: a kept file is there byte for
 * byte with its size and its source left alone; a taken file (what the Baileys engine fetched on demand) is
 * there and its source gone; another message's file, or another session's, is not.
 */
class MediaStoreContractTest {
    @ParameterizedTest
    @ValueSource(strings = {"local", "s3"})
    void keptAndTakenFilesComeBackByteForByte(String kind, @TempDir Path dir) throws Exception {
        try (var bucket = kind.equals("s3") ? TestS3.createBucket() : null;
             var store = MediaStore.open(bucket == null ? new MediaStoreConfig.Local() : bucket.config(),
                     dir.resolve("data"))) {
            byte[] bytes = new byte[3 * 1024 * 1024 + 17];
            new Random(7).nextBytes(bytes);
            Path sent = Files.write(dir.resolve("sent.bin"), bytes);

            store.keep("ses_1", "true_1555@c.us_AAA", sent);
            assertThat(sent).as("the caller's copy stays").exists();
            assertThat(store.contains("ses_1", "true_1555@c.us_AAA")).isTrue();
            assertThat(read(store, "ses_1", "true_1555@c.us_AAA")).isEqualTo(bytes);
            try (var file = store.open("ses_1", "true_1555@c.us_AAA").orElseThrow()) {
                assertThat(file.size()).isEqualTo(bytes.length);
            }

            byte[] fetchedBytes = "a received voice note".getBytes();
            Path fetched = Files.write(dir.resolve("fetched.ogg"), fetchedBytes);
            store.take("ses_1", "false_1556@c.us_BBB", fetched);
            assertThat(fetched).as("taken: the engine's copy is gone").doesNotExist();
            assertThat(read(store, "ses_1", "false_1556@c.us_BBB")).isEqualTo(fetchedBytes);

            assertThat(store.contains("ses_1", "false_1556@c.us_CCC")).isFalse();
            assertThat(store.open("ses_1", "false_1556@c.us_CCC")).isEmpty();
            assertThat(store.open("ses_2", "true_1555@c.us_AAA")).as("another session's").isEmpty();
        }
    }

    private static byte[] read(MediaStore store, String session, String message) throws Exception {
        try (var file = store.open(session, message).orElseThrow()) {
            return file.body().readAllBytes();
        }
    }
}
