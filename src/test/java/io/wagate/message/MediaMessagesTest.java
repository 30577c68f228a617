package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Images, documents, videos and voice notes over the v1 API, end to end between two sandbox sessions. */
class MediaMessagesTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String GINA = "15554440001";
    static final String HANK = "15554440002";

    @TempDir
    static Path fixtures;

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "gina", GINA);
        Sessions.linked(server.api(), "hank", HANK);
    }

    private static Api api() {
        return server.api();
    }

    private static Api.Response send(String endpoint, Map<String, Object> extra, byte[] file, String filename) {
        var body = new java.util.HashMap<String, Object>(extra);
        body.putIfAbsent("session", "gina");
        body.putIfAbsent("chatId", HANK);
        body.put("file", Map.of("data", Base64.getEncoder().encodeToString(file), "filename", filename));
        var response = api().post(endpoint, body);
        CONTRACT.assertConforms("POST", endpoint, response);
        return response;
    }

    private static JsonNode hanksCopy(JsonNode sent) {
        String id = sent.path("id").asText();
        String hanksId = "false_" + GINA + "@c.us_" + id.substring(id.lastIndexOf('_') + 1);
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (var m : api().get("/v1/messages?session=hank&chatId=" + GINA).json()) {
                if (m.path("id").asText().equals(hanksId)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }

    @Test
    void anImageArrivesAndDownloadsByteForByte() throws Exception {
        byte[] png = Fixtures.png();
        var sent = send("/v1/sendImage", Map.of("caption", "a picture"), png, "photo.png");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("type").asText()).isEqualTo("image");
        assertThat(sent.json().path("hasMedia").asBoolean()).isTrue();
        assertThat(sent.json().path("body").asText()).isEqualTo("a picture");
        assertThat(sent.json().path("media").path("mimetype").asText()).isEqualTo("image/png");

        var copy = hanksCopy(sent.json());
        // WhatsApp carries no file name for images: the copy is named by its id, as on the Baileys engine.
        String rawId = sent.json().path("id").asText().substring(sent.json().path("id").asText().lastIndexOf('_') + 1);
        assertThat(copy.path("media").path("filename").asText()).isEqualTo(rawId + ".png");
        assertThat(copy.path("media").path("size").asLong()).isEqualTo(png.length);
        String url = copy.path("media").path("url").asText();
        assertThat(url).startsWith("/v1/files/hank/");
        var download = api().get(url);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("image/png");
        assertThat(download.header("Content-Disposition")).contains(rawId + ".png");
        assertThat(download.bytes()).isEqualTo(png);
        // the sender's copy downloads too, and nothing is left in the sandbox spool or temp dir
        assertThat(api().get(sent.json().path("media").path("url").asText()).bytes()).isEqualTo(png);
        await().atMost(Duration.ofSeconds(10)).until(() -> isEmpty(server.get().dataDir().resolve("sandbox-spool")));
        assertThat(isEmpty(server.get().dataDir().resolve("tmp"))).isTrue();
    }

    @Test
    void theSniffedTypeDecidesNotTheName() {
        var jpegAsVideo = send("/v1/sendVideo", Map.of(), Fixtures.jpeg(), "movie.mp4");
        assertThat(jpegAsVideo.status()).isEqualTo(415);
        assertThat(jpegAsVideo.json().path("message").asText()).contains("image/jpeg");
        assertThat(send("/v1/sendVoice", Map.of(), Fixtures.png(), "note.ogg").status()).isEqualTo(415);
        var document = send("/v1/sendFile", Map.of("caption", "any type"), Fixtures.pdf(), "../../etc/passwd");
        assertThat(document.status()).as(document.toString()).isEqualTo(201);
        assertThat(hanksCopy(document.json()).path("media").path("filename").asText()).isEqualTo("passwd");
    }

    @Test
    void voiceNotesMustBeOpusUnlessConverted() throws Exception {
        byte[] mp3 = Files.readAllBytes(Fixtures.tone(fixtures, "tone.mp3"));
        var refused = send("/v1/sendVoice", Map.of(), mp3, "tone.mp3");
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.json().path("message").asText()).contains("convert");

        var converted = send("/v1/sendVoice", Map.of("convert", true), mp3, "tone.mp3");
        assertThat(converted.status()).as(converted.toString()).isEqualTo(201);
        assertThat(converted.json().path("type").asText()).isEqualTo("voice");
        assertThat(converted.json().path("media").path("mimetype").asText()).startsWith("audio/ogg");
        assertThat(hanksCopy(converted.json()).path("type").asText()).isEqualTo("voice");
    }

    @Test
    void videosBecomeMp4() throws Exception {
        byte[] webm = Files.readAllBytes(Fixtures.video(fixtures, "clip.webm", "libvpx"));
        var sent = send("/v1/sendVideo", Map.of("caption", "clip"), webm, "clip.webm");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("media").path("mimetype").asText()).isEqualTo("video/mp4");
        var gif = send("/v1/sendVideo", Map.of("asGif", true), Fixtures.gif(), "loop.gif");
        assertThat(gif.status()).as(gif.toString()).isEqualTo(201);
        assertThat(gif.json().path("media").path("mimetype").asText()).isEqualTo("video/mp4");
        assertThat(send("/v1/sendVideo", Map.of(), Fixtures.gif(), "loop.gif").status()).isEqualTo(415);
    }

    @Test
    void badMediaRequests() {
        var noFile = api().post("/v1/sendImage", Map.of("session", "gina", "chatId", HANK));
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().path("message").asText()).contains("file");
        var badBase64 = api().post("/v1/sendImage", Map.of("session", "gina", "chatId", HANK,
                "file", Map.of("data", "***not base64***")));
        assertThat(badBase64.status()).isEqualTo(400);
        var privateUrl = api().post("/v1/sendImage", Map.of("session", "gina", "chatId", HANK,
                "file", Map.of("url", "file:///etc/passwd")));
        assertThat(privateUrl.status()).isEqualTo(400);
        assertThat(send("/v1/sendFile", Map.of("asGif", true), Fixtures.pdf(), "x.pdf").status()).isEqualTo(400);
        assertThat(send("/v1/sendImage", Map.of("convert", true), Fixtures.png(), "x.png").status()).isEqualTo(400);
        assertThat(api().get("/v1/files/gina/true_" + HANK + "@c.us_3EB0AAAAAAAAAAAAAAAA").status()).isEqualTo(404);
        assertThat(api().get("/v1/files/gina/garbage").status()).isEqualTo(400);
    }

    @Test
    void anImageOverTheLimitIs413() throws Exception {
        byte[] big = new byte[17 * 1024 * 1024];
        System.arraycopy(Fixtures.png(), 0, big, 0, Fixtures.png().length);
        var response = send("/v1/sendImage", Map.of(), big, "big.png");
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(isEmpty(server.get().dataDir().resolve("tmp"))).isTrue();
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
