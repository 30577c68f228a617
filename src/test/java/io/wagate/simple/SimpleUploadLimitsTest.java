package io.wagate.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.media.Fixtures;
import io.wagate.support.Multipart;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads at and past the limits, sent over a plain socket so that the test itself holds no file
 * in memory: a video over its limit is refused while it streams, without the server's heap growing
 * by anything like its size; an upload cut off mid-part is a 400 that leaves no temp file.
 */
class SimpleUploadLimitsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final String FAY = "15558890001";
    static final String GUS = "15558890002";
    static final long MB = 1024 * 1024;
    static String fayKey;

    @BeforeAll
    static void link() {
        fayKey = Sessions.linked(server.api(), "fay", FAY).path("apiKey").asText();
        Sessions.linked(server.api(), "gus", GUS);
    }

    /** An HTTP answer read off the socket. */
    record Answer(int status, String body) {}

    static String head(long contentLength, String boundary) {
        return "POST /api/whatsapp/send/video HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + fayKey
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    static String fileHeader(String boundary) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\n" + GUS + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"videos\"; filename=\"big.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n";
    }

    /** Writes {@code size} bytes of a made-up video from one small buffer: no copy of it exists anywhere. */
    static void writeVideo(OutputStream out, long size) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31);
        }
        byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
        System.arraycopy(ftyp, 0, chunk, 0, ftyp.length);
        for (long written = 0; written < size; ) {
            int n = (int) Math.min(chunk.length, size - written);
            out.write(chunk, 0, n);
            written += n;
            if (written == n) {
                System.arraycopy(new byte[ftyp.length], 0, chunk, 0, ftyp.length);
            }
        }
    }

    static Answer read(InputStream in) throws IOException {
        var header = new ByteArrayOutputStream();
        while (!header.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection after: " + header);
            }
            header.write(b);
        }
        String text = header.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(text.substring(9, 12));
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    static List<Path> tempFiles() {
        try (var files = Files.list(server.get().dataDir().resolve("tmp"))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aVideoOverItsLimitIsRefusedWhileItStreamsWithoutFillingTheHeap() throws Exception {
        long size = 70 * MB;
        String boundary = "----WebKitFormBoundaryLimitTest0001";
        byte[] header = fileHeader(boundary).getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long before = usedHeap();
        var peak = new AtomicLong(before);
        var sampling = new AtomicBoolean(true);
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(usedHeap(), Math::max);
                // a sample each millisecond: spinning would itself fill the heap with MemoryUsage objects
                LockSupport.parkNanos(1_000_000);
            }
        });
        Answer answer;
        try (var socket = new Socket("localhost", server.get().app().port())) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            out.write(head(header.length + size + tail.length, boundary).getBytes(StandardCharsets.UTF_8));
            out.write(header);
            try {
                writeVideo(out, size);
                out.write(tail);
                out.flush();
            } catch (IOException e) {
                // The server may stop reading once it has answered; its answer is still there to read.
            }
            answer = read(socket.getInputStream());
        } finally {
            sampling.set(false);
            sampler.join();
        }
        long growth = peak.get() - before;

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(new ObjectMapper().readTree(answer.body()).path("error").asText())
                .isEqualTo("the file is larger than the 64 MB limit for videos");
        assertThat(growth).as("heap growth during a 70 MB upload: %d MB", growth / MB).isLessThan(32 * MB);
        assertThat(tempFiles()).isEmpty();
        assertThat(server.api().get("/v1/messages?session=gus&chatId=" + FAY).json()).isEmpty();

        // the server goes on serving uploads
        var form = Multipart.browser().field("number", GUS).file("videos", "small.gif", "image/gif", Fixtures.gif());
        var small = server.api(fayKey).post("/api/whatsapp/send/video", form.bytes(), form.contentType());
        assertThat(small.status()).as(small.toString()).isEqualTo(200);
    }

    @Test
    void anUploadCutOffMidPartIsA400AndLeavesNoTempFile() throws Exception {
        String boundary = "----WebKitFormBoundaryCutOff000001";
        byte[] header = fileHeader(boundary).getBytes(StandardCharsets.UTF_8);
        long declared = header.length + 4 * MB + 64;
        Answer answer;
        try (var socket = new Socket("localhost", server.get().app().port())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(head(declared, boundary).getBytes(StandardCharsets.UTF_8));
            out.write(header);
            writeVideo(out, 2 * MB);
            out.flush();
            // half of the file, then the client goes quiet for good
            socket.shutdownOutput();
            answer = read(socket.getInputStream());
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(answer.body()).path("error").asText()).contains("broke off");
        await().atMost(Duration.ofSeconds(5)).until(() -> tempFiles().isEmpty());
        assertThat(server.api().get("/v1/messages?session=gus&chatId=" + FAY).json().toString())
                .doesNotContain("big.mp4");
    }

    @Test
    void aBodyThatEndsBeforeItsFinalBoundaryIsA400AndLeavesNoTempFile() {
        var form = Multipart.browser().field("number", GUS).file("videos", "v.gif", "image/gif", Fixtures.gif());
        byte[] unfinished = form.unfinished();
        // complete as HTTP (the length is right), cut off as multipart: the closing boundary never comes
        var response = server.api(fayKey).post("/api/whatsapp/send/video",
                java.util.Arrays.copyOf(unfinished, unfinished.length - 10), form.contentType());
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).contains("broke off");
        assertThat(tempFiles()).isEmpty();
    }
}
