package io.wagate.http.simple;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wagate.support.FuzzInvariant;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** multipart/form-data bodies, read part by part as the upload routes read them: every part, every byte. */
class MultipartFuzzTest {
    private static final String BOUNDARY = "fuzzBoundary";

    @FuzzTest(maxDuration = "3s")
    void anyBodyIsReadOrRefused(FuzzedDataProvider data) throws Exception {
        boolean framed = data.consumeBoolean();
        byte[] rest = data.consumeRemainingAsBytes();
        // Most inputs start like a real body, so that the fuzzer spends its time on headers and parts.
        byte[] body = framed ? FuzzInvariant.framed(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; ")
                .getBytes(StandardCharsets.ISO_8859_1), rest) : rest;
        FuzzInvariant.holds(() -> {
            try (var parts = MultipartReader.over(new ByteArrayInputStream(body), BOUNDARY)) {
                for (var part = parts.next(); part.isPresent(); part = parts.next()) {
                    if (part.get().filename() == null) {
                        part.get().text(4096);
                    } else {
                        part.get().content().transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
            }
        });
    }
}
