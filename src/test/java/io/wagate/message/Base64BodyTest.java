package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.media.Fixtures;
import io.wagate.support.RunningServer;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestS3;
import io.wagate.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file sent as base64 in a JSON body ({@code file.data}) is never held in memory whole: the body goes to a temp
 * file as it arrives and the base64 is decoded from there. Bodies are streamed from a socket here, base64 made as
 * they are written, so that the test's own side (in the same JVM) holds nothing large either.
 */
class Base64BodyTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final long MB = 1024 * 1024;
    static final String IRIS = "15554450001";
    static final String JACK = "15554450002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "iris", IRIS);
        Sessions.linked(server.api(), "jack", JACK);
    }

    /**
     * A server whose whole heap is 48 MB: a 60 MB document as base64 (an 80 MB body) arrives byte for byte, and a
     * 17 MB image as base64 (a 22.7 MB body) is refused with 413. Either body read into memory would not fit.
     */
    @Test
    void aServerWithA48MbHeapTakesAn80MbBase64Body(@TempDir Path dir) throws Exception {
        takes60MbWithA48MbHeap(dir, Map.of());
    }

    /** The same through an S3 media store: the file goes to the bucket and comes back streamed, both ways. */
    @Test
    void aServerWithA48MbHeapStoresA60MbFileInS3AndServesItBack(@TempDir Path dir) throws Exception {
        try (var bucket = TestS3.createBucket()) {
            takes60MbWithA48MbHeap(dir, bucket.env());
            // Iris's copy and Jack's (received through the sandbox), each whole.
            assertThat(await().atMost(Duration.ofSeconds(60)).until(() -> bucket.objects().values(),
                    sizes -> sizes.size() == 2)).containsOnly(60 * MB);
        }
        assertThat(dir.resolve("data").resolve("media")).doesNotExist();
    }

    private static void takes60MbWithA48MbHeap(Path dir, Map<String, String> env) throws Exception {
        var serverEnv = new java.util.HashMap<>(env);
        serverEnv.putAll(Map.of("JAVA_TOOL_OPTIONS", "-Xmx48m", "WAGATE_SANDBOX_LINK_DELAY_MS", "-1"));
        try (var small = ServerProcess.start(dir.resolve("data"), serverEnv)) {
            Sessions.linked(small.api(), "iris", IRIS);
            Sessions.linked(small.api(), "jack", JACK);
            int port = URI.create(small.api().base()).getPort();

            var tooLarge = sendLarge(port, "/v1/sendImage", 17 * MB, "big.png");
            assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("16 MB");

            long size = 60 * MB;
            var sent = sendLarge(port, "/v1/sendFile", size, "big.bin");
            assertThat(sent.status()).as(sent.body()).isEqualTo(201);
            var message = new ObjectMapper().readTree(sent.body());
            assertThat(message.path("media").path("size").asLong()).isEqualTo(size);
            try (var download = small.api().stream(message.path("media").path("url").asText())) {
                assertThat(sameAsPattern(download, size)).as("the stored file, byte for byte").isTrue();
            }
            assertThat(small.api().get("/health").status()).isEqualTo(200);
            assertThat(Files.readString(ServerProcess.logOf(dir.resolve("data")))).doesNotContain("OutOfMemoryError");
        }
    }

    /** JSON may escape what base64 holds ("\/", line breaks as "\n"); a data: URL names the type. */
    @Test
    void escapesLineBreaksAndDataUrlsDecodeFromTheSpooledBody() throws Exception {
        byte[] png = Fixtures.png();
        String mime = Base64.getMimeEncoder(8, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(png);
        String escaped = "data:image/png;base64," + mime.replace("/", "\\/").replace("\n", "\\n");
        byte[] body = ("{\"session\":\"iris\",\"chatId\":\"" + JACK + "\",\"file\":{\"data\":\"" + escaped
                + "\",\"filename\":\"tiny.png\"},\"caption\":\"escaped\"}").getBytes(StandardCharsets.UTF_8);
        var sent = post(server.get().app().port(), "/v1/sendImage", body.length, out -> out.write(body));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        var message = new ObjectMapper().readTree(sent.body());
        assertThat(message.path("media").path("mimetype").asText()).isEqualTo("image/png");
        assertThat(server.api().get(message.path("media").path("url").asText()).bytes()).isEqualTo(png);

        byte[] broken = ("{\"session\":\"iris\",\"chatId\":\"" + JACK + "\",\"file\":{\"data\":\"iVBO\\u00e9w==\"}}")
                .getBytes(StandardCharsets.UTF_8);
        var refused = post(server.get().app().port(), "/v1/sendImage", broken.length, out -> out.write(broken));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("not valid base64");
        assertThat(tempFiles()).isEmpty();
    }

    /** Idempotency-Key on a spooled body: the same body replays the first answer, another body is a 409. */
    @Test
    void anIdempotentMediaSendHashesItsSpooledBody() {
        var once = server.api().withHeader("X-API-Key", TestServer.ADMIN_KEY)
                .withHeader("Idempotency-Key", "base64-body-once");
        var body = Map.of("session", "iris", "chatId", JACK, "file",
                Map.of("data", Base64.getEncoder().encodeToString(Fixtures.png()), "filename", "once.png"));
        var first = once.post("/v1/sendImage", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        var again = once.post("/v1/sendImage", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        var other = once.post("/v1/sendImage", Map.of("session", "iris", "chatId", JACK, "file",
                Map.of("data", Base64.getEncoder().encodeToString(Fixtures.jpeg()), "filename", "other.jpg")));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
    }

    private record Sent(int status, String body) {}

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Sends {@code size} bytes of {@link #fillImage} as base64 in {@code file.data}, made as they are written. */
    private static Sent sendLarge(int port, String path, long size, String filename) throws IOException {
        byte[] head = ("{\"session\":\"iris\",\"chatId\":\"" + JACK + "\",\"file\":{\"filename\":\"" + filename
                + "\",\"data\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"},\"caption\":\"big\"}".getBytes(StandardCharsets.UTF_8);
        long length = head.length + (size + 2) / 3 * 4 + tail.length;
        return post(port, path, length, out -> {
            out.write(head);
            try (var base64 = Base64.getEncoder().wrap(new NonClosing(out))) {
                byte[] chunk = new byte[48 * 1024];
                for (long written = 0; written < size; written += chunk.length) {
                    fillImage(chunk, written);
                    base64.write(chunk, 0, (int) Math.min(chunk.length, size - written));
                }
            }
            out.write(tail);
        });
    }

    /** Whether {@code in} holds exactly {@code size} bytes of {@link #fillImage}. */
    private static boolean sameAsPattern(InputStream in, long size) throws IOException {
        byte[] got = new byte[64 * 1024];
        byte[] expected = new byte[got.length];
        long offset = 0;
        int read;
        while ((read = in.readNBytes(got, 0, got.length)) > 0) {
            fillImage(expected, offset);
            if (!java.util.Arrays.equals(got, 0, read, expected, 0, read)) {
                return false;
            }
            offset += read;
        }
        return offset == size;
    }

    /** A PNG's first bytes, then a pattern: sniffed as an image, and every byte checkable. */
    private static void fillImage(byte[] chunk, long offset) {
        byte[] png = Fixtures.png();
        for (int i = 0; i < chunk.length; i++) {
            long at = offset + i;
            chunk[i] = at < png.length ? png[(int) at] : (byte) (at * 31 + (at >> 11));
        }
    }

    private static Sent post(int port, String path, long length, BodyWriter writer) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            var out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServer.ADMIN_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                writer.write(out);
                out.flush();
            } catch (IOException e) {
                // The server may answer (413) and stop reading before the body ends; its answer is still there.
            }
            return answer(socket.getInputStream());
        }
    }

    private static Sent answer(InputStream in) throws IOException {
        String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int status = Integer.parseInt(response.substring(9, 12));
        int bodyStart = response.indexOf("\r\n\r\n") + 4;
        String body = response.substring(bodyStart);
        if (response.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
        }
        return new Sent(status, body.strip());
    }

    private static java.util.List<Path> tempFiles() throws IOException {
        var dir = server.get().dataDir().resolve("tmp");
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** Lets the base64 encoder's close write its last bytes without closing the socket. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
