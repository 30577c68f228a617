package io.wagate.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.Multipart;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart uploads of the simple API between sandbox sessions: photos, videos (GIFs), audio
 * (voice notes), files; the recipient's copies; and every way an upload can be wrong, after which
 * nothing was sent and no temp file is left.
 */
class SimpleMediaTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String DAN = "15558880001";
    static final String EVE = "15558880002";
    static String danKey;

    @TempDir
    static Path fixtures;

    @BeforeAll
    static void link() {
        danKey = Sessions.linked(server.api(), "dan", DAN).path("apiKey").asText();
        Sessions.linked(server.api(), "eve", EVE);
    }

    static Api.Response upload(String endpoint, Multipart form) {
        var response = server.api(danKey).post("/api/whatsapp/send/" + endpoint, form.bytes(), form.contentType());
        CONTRACT.assertConforms("POST", "/api/whatsapp/send/" + endpoint, response);
        return response;
    }

    static JsonNode sent(String endpoint, Multipart form) {
        var response = upload(endpoint, form);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The upload is refused with {@code status}; nothing reached eve and no temp file is left. */
    static String refused(int status, String endpoint, Multipart form) {
        int before = history("eve").size();
        var response = upload(endpoint, form);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().size()).isEqualTo(1);
        assertThat(tempFiles()).isEmpty();
        assertThat(history("dan").size() + history("eve").size())
                .as("nothing sent").isEqualTo(history("dan").size() + before);
        assertThat(history("eve")).hasSize(before);
        return response.json().path("error").asText();
    }

    static JsonNode history(String session) {
        String chat = session.equals("eve") ? DAN : EVE;
        return server.api().get("/v1/messages?limit=1000&session=" + session + "&chatId=" + chat).json();
    }

    static List<Path> tempFiles() {
        try (var files = Files.list(server.get().dataDir().resolve("tmp"))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Eve's copies of the messages the answer names, in the same order. */
    static List<JsonNode> evesCopies(JsonNode answer) {
        var copies = new ArrayList<JsonNode>();
        for (var key : answer.path("keys")) {
            String waId = key.path("id").asText();
            copies.add(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (var message : history("eve")) {
                    if (message.path("id").asText().endsWith("_" + waId)) {
                        return message;
                    }
                }
                return null;
            }, m -> m != null));
        }
        return copies;
    }

    static byte[] download(JsonNode message) {
        var response = server.api().get(message.path("media").path("url").asText());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.bytes();
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Multipart toEve() {
        return Multipart.browser().field("number", EVE);
    }

    @Test
    void photosArriveWithCaptionAndViewOnceEachAsItsOwnMessage() {
        byte[] png = Fixtures.png();
        byte[] jpeg = Fixtures.jpeg();
        var answer = sent("photo", toEve().file("photos", "one.png", "image/png", png)
                .file("photos", "two.jpg", "image/jpeg", jpeg).field("caption", "holiday 🌴").field("viewOnce", "true"));
        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("sent").asInt()).isEqualTo(2);
        assertThat(answer.path("messages")).hasSize(2);
        assertThat(answer.path("messages").get(0).asText()).startsWith("true_" + EVE + "@c.us_");
        assertThat(answer.path("keys").get(1).path("remoteJid").asText()).isEqualTo(EVE + "@s.whatsapp.net");

        var copies = evesCopies(answer);
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.path("type").asText()).isEqualTo("image");
            assertThat(copy.path("body").asText()).isEqualTo("holiday 🌴");
            assertThat(copy.path("media").path("viewOnce").asBoolean()).isTrue();
        });
        // WhatsApp carries no file name for images: the copy is named by its id, as on the Baileys engine.
        assertThat(copies.get(0).path("media").path("filename").asText())
                .isEqualTo(answer.path("keys").get(0).path("id").asText() + ".png");
        assertThat(copies.get(1).path("media").path("mimetype").asText()).isEqualTo("image/jpeg");
        assertThat(download(copies.get(0))).isEqualTo(png);
        assertThat(download(copies.get(1))).isEqualTo(jpeg);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void fieldsMayComeAfterTheFilesAndBooleansTakeTheirUsualSpellings() {
        for (String yes : List.of("TRUE", "1", "on", " On ")) {
            var copy = evesCopies(sent("photo", Multipart.pythonRequests().file("photos[]", "p.png", "image/png",
                    Fixtures.png()).field("viewOnce", yes).field("number", EVE))).getFirst();
            assertThat(copy.path("media").path("viewOnce").asBoolean()).as(yes).isTrue();
            assertThat(copy.path("body").asText()).isEmpty();
        }
        for (String no : List.of("false", "0", "OFF")) {
            var copy = evesCopies(sent("photo", toEve().file("photos", "p.png", "image/png", Fixtures.png())
                    .field("viewOnce", no))).getFirst();
            assertThat(copy.path("media").has("viewOnce")).as(no).isFalse();
        }
    }

    @Test
    void aLargeFileArrivesByteForByteWithItsNameAsADisplayNameOnly() {
        byte[] data = new byte[3 * 1024 * 1024 + 12345];
        new Random(7).nextBytes(data);
        // The boundary's own bytes inside the content must not end the part early.
        byte[] boundaryLike = "\r\n--".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(boundaryLike, 0, data, 65_530, boundaryLike.length);
        var answer = sent("file", toEve().file("files", "../../etc/passwd", "application/octet-stream", data)
                .file("files", "отчёт 2026.pdf", "application/pdf", Fixtures.pdf()).field("caption", "papers"));
        var copies = evesCopies(answer);
        assertThat(copies.get(0).path("type").asText()).isEqualTo("document");
        assertThat(copies.get(0).path("media").path("filename").asText()).isEqualTo("passwd");
        assertThat(copies.get(0).path("body").asText()).isEqualTo("papers");
        assertThat(download(copies.get(0))).isEqualTo(data);
        assertThat(copies.get(1).path("media").path("filename").asText()).isEqualTo("отчёт 2026.pdf");
        assertThat(copies.get(1).path("media").path("mimetype").asText()).isEqualTo("application/pdf");
        // nothing was written where the name points, and the temp dir is clean again
        Path traversal = server.get().dataDir().resolve("tmp").resolve("../../etc/passwd").normalize();
        assertThat(traversal).doesNotExist();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void gifsGoOutAsLoopingMp4AndOtherVideosAreConverted() throws IOException {
        var gif = evesCopies(sent("video", toEve().file("videos", "dance.gif", "image/gif", Fixtures.gif())
                .field("gif", "true").field("caption", "moves"))).getFirst();
        assertThat(gif.path("type").asText()).isEqualTo("video");
        assertThat(gif.path("media").path("mimetype").asText()).isEqualTo("video/mp4");
        assertThat(gif.path("media").path("gif").asBoolean()).isTrue();
        assertThat(gif.path("body").asText()).isEqualTo("moves");

        byte[] webm = Files.readAllBytes(Fixtures.video(fixtures, "clip.webm", "libvpx"));
        var video = evesCopies(sent("video", toEve().file("videos", "clip.webm", "video/webm", webm)
                .field("viewOnce", "1"))).getFirst();
        assertThat(video.path("media").path("mimetype").asText()).isEqualTo("video/mp4");
        assertThat(video.path("media").has("gif")).isFalse();
        assertThat(video.path("media").path("viewOnce").asBoolean()).isTrue();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void audioGoesOutAsItIsOrAsAVoiceNote() throws IOException {
        byte[] mp3 = Files.readAllBytes(Fixtures.tone(fixtures, "tone.mp3"));
        var audio = evesCopies(sent("audio", toEve().file("audios", "tone.mp3", "audio/mpeg", mp3))).getFirst();
        assertThat(audio.path("type").asText()).isEqualTo("audio");
        assertThat(audio.path("media").path("mimetype").asText()).isEqualTo("audio/mpeg");
        assertThat(download(audio)).isEqualTo(mp3);

        var voice = evesCopies(sent("audio", toEve().file("audios", "tone.mp3", "audio/mpeg", mp3)
                .field("voice", "true"))).getFirst();
        assertThat(voice.path("type").asText()).isEqualTo("voice");
        assertThat(voice.path("media").path("mimetype").asText()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void aGroupGetsTheFilesToo() {
        var created = server.api().post("/v1/sessions/dan/groups", java.util.Map.of("name", "Pics",
                "participants", List.of(java.util.Map.of("id", EVE))));
        String group = created.json().path("id").asText();
        var answer = sent("photo", Multipart.browser().field("group", group).file("photos", "g.png", "image/png",
                Fixtures.png()));
        assertThat(answer.path("keys").get(0).path("remoteJid").asText()).isEqualTo(group);
        String waId = answer.path("keys").get(0).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.api()
                .get("/v1/messages?session=eve&chatId=" + group).json().toString().contains(waId));
    }

    @Test
    void filesOfTheWrongKindAreRefusedAndNothingIsSent() {
        // a JPEG named .mp4 and declared video/mp4 is still a JPEG
        assertThat(refused(415, "video", toEve().file("videos", "clip.mp4", "video/mp4", Fixtures.jpeg())))
                .contains("image/jpeg");
        // one wrong file among good ones: none of them goes out
        assertThat(refused(415, "photo", toEve().file("photos", "ok.png", "image/png", Fixtures.png())
                .file("photos", "doc.png", "image/png", Fixtures.pdf()))).contains("application/pdf");
        assertThat(refused(415, "audio", toEve().file("audios", "song.mp3", "audio/mpeg", Fixtures.png())))
                .contains("image/png");
    }

    @Test
    void tooManyFilesWrongFieldsAndBadFlagsAreRefused() {
        var eleven = toEve();
        for (int i = 0; i < 11; i++) {
            eleven.file("photos", "p" + i + ".png", "image/png", Fixtures.png());
        }
        assertThat(refused(400, "photo", eleven)).contains("at most 10 photos");
        var six = toEve();
        for (int i = 0; i < 6; i++) {
            six.file("files", "f" + i + ".pdf", "application/pdf", Fixtures.pdf());
        }
        assertThat(refused(400, "file", six)).contains("at most 5 files");

        byte[] png = Fixtures.png();
        assertThat(refused(400, "photo", toEve().file("photo", "p.png", "image/png", png))).contains("unknown field 'photo'");
        assertThat(refused(400, "photo", toEve().file("images", "p.png", "image/png", png))).contains("photos");
        // a wrong field stops the upload where it appears, before the file after it is even read
        assertThat(refused(400, "audio", toEve().field("caption", "x").file("audios", "t.png", "audio/mpeg", png)))
                .contains("unknown field 'caption'");
        assertThat(refused(400, "photo", toEve().file("photos", "p.png", "image/png", png).field("viewOnce", "maybe")))
                .contains("viewOnce");
        assertThat(refused(400, "video", toEve().file("videos", "v.gif", "image/gif", Fixtures.gif())
                .field("gif", "yes please"))).contains("gif");
        byte[] mp3 = read(Fixtures.tone(fixtures, "flag.mp3"));
        assertThat(refused(400, "audio", toEve().field("voice", "").file("audios", "t.mp3", "audio/mpeg", mp3)))
                .contains("voice");
        assertThat(refused(400, "photo", toEve().field("caption", "no files"))).contains("photos is required");
        assertThat(refused(400, "photo", toEve().file("photos", "empty.png", "image/png", new byte[0])))
                .contains("empty");
        assertThat(refused(400, "photo", toEve().field("number", EVE).file("photos", "p.png", "image/png", png)))
                .contains("more than once");
    }

    @Test
    void recipientsAreExactlyOneOfNumberAndGroup() {
        byte[] png = Fixtures.png();
        assertThat(refused(400, "photo", toEve().field("group", "120363000000000001")
                .file("photos", "p.png", "image/png", png))).contains("not both");
        assertThat(refused(400, "photo", Multipart.browser().file("photos", "p.png", "image/png", png)))
                .contains("number or group is required");
        assertThat(refused(400, "photo", Multipart.browser().field("number", "12ab")
                .file("photos", "p.png", "image/png", png))).contains("number");
        assertThat(refused(400, "photo", Multipart.browser().field("number", "15559999999")
                .file("photos", "p.png", "image/png", png))).contains("not on WhatsApp");
    }

    @Test
    void bodiesThatAreNotMultipartAreRefused() {
        var json = server.api(danKey).post("/api/whatsapp/send/photo", java.util.Map.of("number", EVE));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().path("error").asText()).contains("multipart/form-data");
        CONTRACT.assertConforms("POST", "/api/whatsapp/send/photo", json);
        var noBoundary = server.api(danKey).post("/api/whatsapp/send/photo", new byte[] {1}, "multipart/form-data");
        assertThat(noBoundary.status()).isEqualTo(400);
        var garbage = server.api(danKey).post("/api/whatsapp/send/photo", "no parts here".getBytes(),
                "multipart/form-data; boundary=xyz");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("error").asText()).contains("multipart");
        var noName = server.api(danKey).post("/api/whatsapp/send/photo",
                "--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n".getBytes(), "multipart/form-data; boundary=b");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("error").asText()).contains("name");
        assertThat(tempFiles()).isEmpty();
    }
}
