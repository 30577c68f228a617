package io.wagate.media;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wagate.error.ApiException;
import io.wagate.http.Json;
import io.wagate.http.JsonBody;
import io.wagate.http.Utf8;
import io.wagate.support.FuzzInvariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bodies spooled to disk, as the media sends read them: UTF-8 checked piece by piece as written, the tree read
 * without {@code file.data}, then that string decoded from the file as base64.
 */
class SpooledBodyFuzzTest {
    record Upload(String session, String chatId, MediaIntake.FileInput file, String caption) {}

    private static final Path DIR = tempDir();
    private static final TempFiles TEMP = new TempFiles(DIR);
    private static final JsonBody BODY = JsonBody.spooled(Json.mapper(), 1024 * 1024, TEMP);

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("wagate-fuzz-spool");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "3s")
    void aSpooledBodyIsReadOrRefused(FuzzedDataProvider data) throws Exception {
        int piece = data.consumeInt(1, 64);
        String caption = data.consumeString(64);
        byte[] rest = data.consumeRemainingAsBytes();
        // Half the inputs are shaped like a media send, so that the base64 reader gets real work.
        byte[] bytes = (rest.length % 2 == 0)
                ? FuzzInvariant.framed(("{\"chatId\":\"1@c.us\",\"caption\":" + Json.mapper().writeValueAsString(caption)
                        + ",\"file\":{\"data\":\"").getBytes(java.nio.charset.StandardCharsets.UTF_8), rest)
                : rest;
        Path file = TEMP.create(".json");
        try {
            Files.write(file, bytes);
            FuzzInvariant.holds(() -> {
                var utf8 = new Utf8();
                for (int at = 0; at < bytes.length; at += piece) {
                    utf8.feed(bytes, at, Math.min(piece, bytes.length - at));
                }
                utf8.finish();
                var upload = BODY.fromSpooled(file, Upload.class);
                if (upload.isPresent() && upload.get().file() != null && upload.get().file().data() != null) {
                    try (var decoded = Base64Data.parse(upload.get().file().data()).stream()) {
                        decoded.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // MediaIntake answers these with a 400: "file.data is not valid base64"
                        throw ApiException.badRequest("file.data is not valid base64: " + e.getMessage());
                    }
                }
            });
        } finally {
            TempFiles.deleteQuietly(file);
        }
    }
}
