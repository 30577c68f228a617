package io.wagate.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Part headers a client should never send, on every upload route: a 400 that says what is wrong, never a 500. */
class HostileUploadTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final String HAL = "15558870001";
    static final String IVY = "15558870002";
    static String halKey;

    @BeforeAll
    static void link() {
        halKey = Sessions.linked(server.api(), "hal", HAL).path("apiKey").asText();
        Sessions.linked(server.api(), "ivy", IVY);
    }

    static final String BOUNDARY = "hostileBoundary0123";

    static Api.Response upload(String route, String fileHeaders) {
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\n" + IVY + "\r\n"
                + "--" + BOUNDARY + "\r\n" + fileHeaders + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Fixtures.png());
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.api(halKey).post("/api/whatsapp/send/" + route, body.toByteArray(),
                "multipart/form-data; boundary=" + BOUNDARY);
    }

    static String field(String route) {
        return switch (route) {
            case "photo" -> "photos";
            case "video" -> "videos";
            case "audio" -> "audios";
            default -> "files";
        };
    }

    static void assertBadRequest(Api.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text()).contains(mentioned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo", "video", "audio", "file"})
    void aFileNameWithALineBreakInItsUnterminatedQuote(String route) {
        assertBadRequest(upload(route, "Content-Disposition: form-data; name=\"" + field(route)
                + "\"; filename=\"a\r\nb.png\r\nContent-Type: image/png"), "multipart body is not well-formed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo", "video", "audio", "file"})
    void anUnterminatedQuoteAlone(String route) {
        assertBadRequest(upload(route, "Content-Disposition: form-data; name=\"" + field(route)
                + "\"; filename=\"a.png\r\nContent-Type: image/png"), "Content-Disposition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo", "file"})
    void aCaptionThatIsNotUtf8(String route) {
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\n" + IVY + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n..")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        body.writeBytes(("etc\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field(route)
                + "\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Fixtures.png());
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertBadRequest(server.api(halKey).post("/api/whatsapp/send/" + route, body.toByteArray(),
                "multipart/form-data; boundary=" + BOUNDARY), "field 'caption' is not valid UTF-8");
    }

    @org.junit.jupiter.api.Test
    void aLoneSurrogateInASimpleJsonBody() {
        assertBadRequest(server.api(halKey).send("POST", "/api/whatsapp/send/text",
                "{\"number\":\"" + IVY + "\",\"message\":\"x\\uD800\"}", "application/json"),
                "field 'message' holds a lone surrogate");
        assertBadRequest(server.api(halKey).post("/api/whatsapp/send/text",
                ("{\"number\":\"" + IVY + "\",\"message\":\"..\u00c0\u00af\"}").getBytes(StandardCharsets.ISO_8859_1),
                "application/json"), "not valid UTF-8");
    }
}
