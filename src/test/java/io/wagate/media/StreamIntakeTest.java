package io.wagate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.config.Config.MediaConfig;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads as streams (the multipart source): kinds, limits, memory, names and temp files. */
class StreamIntakeTest {
    private static final long MB = MediaConfig.MB;

    @TempDir
    Path dir;

    private TempFiles temp;
    private MediaIntake intake;

    @BeforeEach
    void start() {
        temp = new TempFiles(dir.resolve("tmp"));
        intake = new MediaIntake(MediaConfig.defaults(), temp, "test");
    }

    @AfterEach
    void stop() {
        intake.close();
    }

    private IncomingMedia upload(byte[] bytes, String declaredType, String filename, MediaKind kind) {
        return intake.fromStream(new ByteArrayInputStream(bytes), declaredType, filename, kind);
    }

    private static void assertStatus(ThrowingRunnable action, ErrorKind kind, String... messageParts) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(messageParts);
        });
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void eachKindTakesItsOwnTypes() {
        try (var image = upload(Fixtures.jpeg(), "application/octet-stream", "p.jpg", MediaKind.IMAGE)) {
            assertThat(image.mimetype()).isEqualTo("image/jpeg");
        }
        try (var gif = upload(Fixtures.gif(), null, null, MediaKind.VIDEO_OR_GIF)) {
            assertThat(gif.mimetype()).isEqualTo("image/gif");
            assertThat(gif.filename()).isEqualTo("file.gif");
        }
        assertStatus(() -> upload(Fixtures.jpeg(), "video/mp4", "clip.mp4", MediaKind.VIDEO),
                ErrorKind.UNSUPPORTED_MEDIA_TYPE, "'clip.mp4' is image/jpeg", "a video (video/*)");
        assertStatus(() -> upload(Fixtures.png(), "audio/mpeg", "song.mp3", MediaKind.AUDIO),
                ErrorKind.UNSUPPORTED_MEDIA_TYPE, "image/png", "audio (audio/*)");
        assertStatus(() -> upload(Fixtures.pdf(), null, "a.pdf", MediaKind.IMAGE),
                ErrorKind.UNSUPPORTED_MEDIA_TYPE, "application/pdf", "an image");
        // Bytes nothing recognises are not media, whatever the name says.
        assertStatus(() -> upload(new byte[] {1, 2, 3, 4, 5}, "video/mp4", "clip.mp4", MediaKind.VIDEO),
                ErrorKind.UNSUPPORTED_MEDIA_TYPE, "not a recognised format");
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void aDocumentMayBeAnythingAndHintsOnlyRefineTheBytes() {
        try (var pdf = upload(Fixtures.pdf(), "image/png", "scan.png", MediaKind.DOCUMENT)) {
            assertThat(pdf.mimetype()).isEqualTo("application/pdf");
            assertThat(pdf.filename()).isEqualTo("scan.png");
        }
        try (var jpeg = upload(Fixtures.jpeg(), null, "photo.jpg", MediaKind.DOCUMENT)) {
            assertThat(jpeg.mimetype()).isEqualTo("image/jpeg");
        }
        // Plain text is ambiguous: the name decides between text types.
        byte[] csv = "name,count\nwagate,1\n".getBytes(StandardCharsets.UTF_8);
        try (var table = upload(csv, null, "data.csv", MediaKind.DOCUMENT)) {
            assertThat(table.mimetype()).isEqualTo("text/csv");
        }
        try (var text = upload(csv, null, null, MediaKind.DOCUMENT)) {
            assertThat(text.mimetype()).isEqualTo("text/plain");
            assertThat(text.filename()).isEqualTo("file.txt");
        }
        // Unknown bytes: a document is still fine, typed by what the client said.
        try (var blob = upload(new byte[] {1, 2, 3, 4, 5}, "application/x-custom", "data.bin", MediaKind.DOCUMENT)) {
            assertThat(blob.mimetype()).isEqualTo("application/x-custom");
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void anEmptyFileIsA400() {
        assertStatus(() -> upload(new byte[0], null, "empty.pdf", MediaKind.DOCUMENT), ErrorKind.BAD_REQUEST,
                "'empty.pdf' is empty");
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    /**
     * 17 MB offered as an image (limit 16 MB) by a stream that makes its bytes as they are read. Midway the stream
     * itself looks at the heap and at the temp file: the upload is streamed to disk, never held in memory.
     */
    @Test
    void anOversizedImageIsRefusedWhileStreamingWithoutBufferingIt() {
        var stream = new LazyPng(17 * MB, 12 * MB, temp.dir());
        long before = usedHeapAfterGc();
        assertStatus(() -> intake.fromStream(stream, "image/png", "huge.png", MediaKind.IMAGE),
                ErrorKind.PAYLOAD_TOO_LARGE, "16 MB limit for images");
        assertThat(stream.heapAtCheckpoint - before).as("heap growth at 12 MB read").isLessThan(8 * MB);
        assertThat(stream.tempBytesAtCheckpoint).as("temp file at 12 MB read").isBetween(11 * MB, 12 * MB);
        assertThat(stream.position).as("bytes read").isLessThanOrEqualTo(16 * MB + 1);
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void eachKindHasItsOwnLimit() {
        var small = new MediaConfig(1000, 2000, 3000, 4000, false, java.time.Duration.ofSeconds(1));
        try (var tight = new MediaIntake(small, temp, "test")) {
            byte[] png = java.util.Arrays.copyOf(Fixtures.png(), 2500);
            assertStatus(() -> tight.fromStream(new ByteArrayInputStream(png), null, null, MediaKind.IMAGE),
                    ErrorKind.PAYLOAD_TOO_LARGE, "1000 bytes limit for images");
            assertStatus(() -> tight.fromStream(new ByteArrayInputStream(png), null, null, MediaKind.VIDEO),
                    ErrorKind.PAYLOAD_TOO_LARGE, "2000 bytes limit for videos");
            assertStatus(() -> tight.fromStream(new ByteArrayInputStream(png), null, null, MediaKind.AUDIO),
                    ErrorKind.UNSUPPORTED_MEDIA_TYPE, "image/png");
            try (var doc = tight.fromStream(new ByteArrayInputStream(png), null, null, MediaKind.DOCUMENT)) {
                assertThat(doc.size()).isEqualTo(2500);
            }
            assertThat(tight.maxBytes(MediaKind.DOCUMENT)).isEqualTo(4000);
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void aBrokenUploadIsA400AndLeavesNoFile() {
        var broken = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 0x42;
            }
        };
        assertStatus(() -> intake.fromStream(broken, null, "part.bin", MediaKind.DOCUMENT), ErrorKind.BAD_REQUEST,
                "upload of the file 'part.bin' broke off", "connection reset");
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void clientFileNamesAreDisplayNamesOnlyAndNothingLandsOutsideTheTempDir() throws IOException {
        String longName = "a".repeat(246) + ".pdf"; // within the 255 allowed, over the 200 shown
        String[][] cases = {
                {"../../etc/passwd", "passwd"},
                {"..\\..\\windows\\system32\\x.exe", "x.exe"},
                {"C:\\evil\\x.exe", "x.exe"},
                {"/absolute/path/report.pdf", "report.pdf"},
                {"bad\u0000name\r\n\t.pdf", "badname.pdf"},
                {"invoice\u202Efdp.exe", "invoicefdp.exe"},
                {"what?<is>this:\"|*.pdf", "what__is_this____.pdf"},
                {"..", "file.pdf"},
                {"../", "file.pdf"},
                {"   ", "file.pdf"},
                {longName, "a".repeat(196) + ".pdf"},
                {"résumé 履歴書.pdf", "résumé 履歴書.pdf"},
        };
        for (String[] c : cases) {
            try (var media = upload(Fixtures.pdf(), null, c[0], MediaKind.DOCUMENT)) {
                assertThat(media.filename()).as(c[0]).isEqualTo(c[1]);
                assertThat(media.path().getParent()).isEqualTo(temp.dir());
                assertThat(media.path().getFileName().toString()).startsWith("media-");
            }
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
        try (var everything = Files.walk(dir)) {
            assertThat(everything.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void filesLeftByAnEarlierRunAreClearedAtStart() throws IOException {
        Path stale = Files.writeString(temp.dir().resolve("media-123"), "left by a crash");
        new TempFiles(temp.dir());
        assertThat(stale).doesNotExist();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A PNG signature and then zeros, made on demand; at {@code checkpoint} bytes it measures heap and temp file. */
    private static final class LazyPng extends InputStream {
        private final byte[] header = Fixtures.png();
        private final long length;
        private final long checkpoint;
        private final Path tempDir;
        long position;
        long heapAtCheckpoint;
        long tempBytesAtCheckpoint = -1;

        LazyPng(long length, long checkpoint, Path tempDir) {
            this.length = length;
            this.checkpoint = checkpoint;
            this.tempDir = tempDir;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            if (position >= checkpoint && tempBytesAtCheckpoint < 0) {
                heapAtCheckpoint = usedHeapAfterGc();
                tempBytesAtCheckpoint = Fixtures.list(tempDir).stream().mapToLong(StreamIntakeTest::size).sum();
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                long at = position + i;
                buffer[offset + i] = at < header.length ? header[(int) at] : 0;
            }
            position += n;
            return n;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
