package io.wagate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.config.Config.MediaConfig;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.media.MediaIntake.FileInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Base64IntakeTest {
    private static final int IMAGE_LIMIT = 4096;

    @TempDir
    Path dir;

    private TempFiles temp;
    private MediaIntake intake;

    @BeforeEach
    void start() {
        temp = new TempFiles(dir.resolve("tmp"));
        intake = new MediaIntake(new MediaConfig(IMAGE_LIMIT, 65536, 65536, 65536, false, Duration.ofSeconds(1)),
                temp, "test");
    }

    @AfterEach
    void stop() {
        intake.close();
    }

    /** A PNG with bytes after its end that encode to the characters where the two alphabets differ. */
    private static byte[] pngWithTail() {
        byte[] png = Fixtures.png();
        byte[] bytes = Arrays.copyOf(png, png.length + 6);
        for (int i = png.length; i < bytes.length; i++) {
            bytes[i] = (byte) 0xfb;
        }
        return bytes;
    }

    private byte[] receivedBytes(String data, MediaKind kind) throws IOException {
        try (var media = intake.fromBase64(Base64Text.of(data), null, "pic.png", kind)) {
            assertThat(media.mimetype()).isEqualTo("image/png");
            assertThat(media.path().getParent()).isEqualTo(temp.dir());
            return Files.readAllBytes(media.path());
        }
    }

    @Test
    void bothAlphabetsPaddedOrNotAndLineBreaksAreAccepted() throws IOException {
        byte[] bytes = pngWithTail();
        String standard = Base64.getEncoder().encodeToString(bytes);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(standard).containsAnyOf("+", "/");
        assertThat(urlSafe).containsAnyOf("-", "_");

        assertThat(receivedBytes(standard, MediaKind.IMAGE)).isEqualTo(bytes);
        assertThat(receivedBytes(urlSafe, MediaKind.IMAGE)).isEqualTo(bytes);
        assertThat(receivedBytes(Base64.getMimeEncoder().encodeToString(bytes), MediaKind.IMAGE)).isEqualTo(bytes);
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void aDataUrlIsAcceptedAndItsTypeIsOnlyAHint() throws IOException {
        String png = Base64.getEncoder().encodeToString(Fixtures.png());
        assertThat(receivedBytes("data:image/png;base64," + png, MediaKind.IMAGE)).isEqualTo(Fixtures.png());
        // The data: URL claims a video; the bytes are a PNG, and that is what counts.
        assertThatThrownBy(() -> intake.fromBase64(Base64Text.of("DATA:video/mp4;BASE64," + png), null, null, MediaKind.VIDEO))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("image/png");
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void invalidBase64IsA400AndLeavesNoFile() {
        for (String bad : new String[] {"not base64 at all!", "iVBORw0KGgo=AAAA", "QUJDR", "data:image/png,iVBORw0K",
                "data:image/png;base64", "€€€€"}) {
            assertThatThrownBy(() -> intake.fromBase64(Base64Text.of(bad), null, null, MediaKind.DOCUMENT))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                        assertThat(e.getMessage()).contains("file.data");
                    });
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void decodedBytesPastTheLimitAreA413() {
        byte[] big = Arrays.copyOf(Fixtures.png(), IMAGE_LIMIT + 1);
        assertThatThrownBy(() -> intake.fromBase64(Base64Text.of(Base64.getEncoder().encodeToString(big)), null, null,
                MediaKind.IMAGE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
                    assertThat(e.getMessage()).contains("4096 bytes limit for images");
                });
        // Exactly at the limit is fine.
        byte[] fits = Arrays.copyOf(Fixtures.png(), IMAGE_LIMIT);
        try (var media = intake.fromBase64(Base64Text.of(Base64.getEncoder().encodeToString(fits)), null, null,
                MediaKind.IMAGE)) {
            assertThat(media.size()).isEqualTo(IMAGE_LIMIT);
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    /**
     * The decoder works as it reads: a payload too large and broken at its very end is refused for its size,
     * because decoding stops at the limit and never reaches the broken part.
     */
    @Test
    void decodingStreamsAndStopsAtTheLimit() throws IOException {
        String tooLargeAndBrokenAtTheEnd = Base64.getEncoder().encodeToString(new byte[IMAGE_LIMIT * 4]) + "!!!!";
        assertThatThrownBy(() -> intake.fromBase64(Base64Text.of(tooLargeAndBrokenAtTheEnd), null, null, MediaKind.IMAGE))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE));
        // The same at the level of the decoder: the first bytes come out before the end has been looked at.
        try (var stream = Base64Data.parse(Base64Text.of(tooLargeAndBrokenAtTheEnd)).stream()) {
            assertThat(stream.readNBytes(3)).containsExactly(0, 0, 0);
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void theV1FileObjectNeedsExactlyOneSource() {
        String png = Base64.getEncoder().encodeToString(Fixtures.png());
        assertThatThrownBy(() -> intake.receive(null, MediaKind.IMAGE, false)).hasMessageContaining("file is required");
        assertThatThrownBy(() -> intake.receive(new FileInput(null, (String) null, "image/png", "a.png"), MediaKind.IMAGE, false))
                .hasMessageContaining("file.url or file.data is required");
        assertThatThrownBy(() -> intake.receive(new FileInput(" ", "", null, null), MediaKind.IMAGE, false))
                .hasMessageContaining("file.url or file.data is required");
        assertThatThrownBy(() -> intake.receive(new FileInput("https://example.com/a.png", png, null, null),
                MediaKind.IMAGE, false)).hasMessageContaining("not both");
        try (var media = intake.receive(new FileInput(null, png, "video/mp4", "../../holiday.png"), MediaKind.IMAGE,
                false)) {
            assertThat(media.mimetype()).isEqualTo("image/png");
            assertThat(media.filename()).isEqualTo("holiday.png");
            assertThat(media.toMediaFile().path()).isEqualTo(media.path());
            assertThat(media.toMediaFile().size()).isEqualTo(Fixtures.png().length);
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }
}
