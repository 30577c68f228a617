package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every documented length and count limit of a request body: one past it is a 400 naming the field and the limit. */
class FieldLimitsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final String NED = "15558840001";
    static final String OLA = "15558840002";
    static final String TO = OLA + "@c.us";
    static String nedKey;

    @BeforeAll
    static void link() {
        nedKey = Sessions.linked(server.api(), "ned", NED).path("apiKey").asText();
        Sessions.linked(server.api(), "ola", OLA);
    }

    static void assertBadRequest(Api.Response response, String... mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text()).contains(mentioned);
    }

    static Map<String, Object> send(Object... pairs) {
        var body = new HashMap<String, Object>(Map.of("session", "ned", "chatId", TO));
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void sessionMetadata() {
        Map<String, String> seventeen = new HashMap<>();
        IntStream.range(0, 17).forEach(i -> seventeen.put("k" + i, "v"));
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "m1", "start", false,
                "config", Map.of("metadata", seventeen))), "config.metadata", "16 keys");
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "m2", "start", false,
                "config", Map.of("metadata", Map.of("k", "x".repeat(4096))))), "config.metadata", "4096 bytes");
        assertBadRequest(server.api().put("/v1/sessions/ned", Map.of("config", Map.of("metadata",
                Map.of("k".repeat(65), "v")))), "config.metadata keys", "64 characters");
        // multi-byte characters count as their UTF-8 bytes
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "m3", "start", false,
                "config", Map.of("metadata", Map.of("k", "é".repeat(2048))))), "4096 bytes");
        Map<String, String> atTheLimit = new HashMap<>();
        IntStream.range(0, 16).forEach(i -> atTheLimit.put("key" + (10 + i), "v".repeat(250))); // 16 × 255 bytes
        var fine = server.api().post("/v1/sessions", Map.of("name", "m4", "start", false,
                "config", Map.of("metadata", atTheLimit)));
        assertThat(fine.status()).as(fine.toString()).isEqualTo(201);
        assertBadRequest(server.api().post("/v1/sessions", Map.of("name", "m5", "start", false,
                "config", Map.of("proxy", "socks5://" + "p".repeat(2048)))), "config.proxy", "2048");
    }

    @Test
    void captionsFileNamesAndMimetypes() {
        var png = Map.of("data", "iVBORw0KGgo=");
        assertBadRequest(server.api().post("/v1/sendImage", send("file", png, "caption", "c".repeat(65_536))),
                "caption", "65535");
        assertBadRequest(server.api().post("/v1/sendFile", send("file", Map.of("data", "iVBORw0KGgo=",
                "filename", "f".repeat(256)))), "file.filename", "255");
        assertBadRequest(server.api().post("/v1/sendFile", send("file", Map.of("data", "iVBORw0KGgo=",
                "mimetype", "application/" + "x".repeat(250)))), "file.mimetype", "255");
        assertBadRequest(server.api().post("/v1/sendImage", send("file", Map.of("url",
                "https://example.com/" + "u".repeat(2048)))), "file.url", "2048");
    }

    @Test
    void locationsAndPolls() {
        assertBadRequest(server.api().post("/v1/sendLocation", send("latitude", 1.0, "longitude", 2.0,
                "title", "t".repeat(257))), "title", "256");
        assertBadRequest(server.api().post("/v1/sendPoll", send("poll", Map.of("name", "q".repeat(256),
                "options", List.of("a", "b")))), "poll.name", "255");
        assertBadRequest(server.api().post("/v1/sendPoll", send("poll", Map.of("name", "q",
                "options", List.of("a", "o".repeat(101))))), "poll.options", "100");
        var simple = server.api(nedKey);
        assertBadRequest(simple.post("/api/whatsapp/send/poll", Map.of("number", OLA, "name", "q".repeat(256),
                "values", List.of("a", "b"))), "name", "255");
        assertBadRequest(simple.post("/api/whatsapp/send/location", Map.of("number", OLA, "location",
                Map.of("degreesLatitude", 1.0, "degreesLongitude", 2.0, "address", "a".repeat(257)))),
                "location.address", "256");
    }

    @Test
    void contactCards() {
        var eleven = IntStream.range(0, 11).mapToObj(i -> Map.of("fullName", "P" + i, "phoneNumber", "+1555000" + (1000 + i)))
                .toList();
        assertBadRequest(server.api().post("/v1/sendContactVcard", send("contacts", eleven)), "at most 10 contacts");
        assertBadRequest(server.api().post("/v1/sendContactVcard", send("contacts", List.of(Map.of(
                "fullName", "n".repeat(257), "phoneNumber", "+15550001111")))), "contacts[].fullName", "256");
        assertBadRequest(server.api().post("/v1/sendContactVcard", send("contacts", List.of(Map.of(
                "fullName", "Ann", "phoneNumber", "1".repeat(33))))), "contacts[].phoneNumber", "32");
        assertBadRequest(server.api().post("/v1/sendContactVcard", send("contacts", List.of(Map.of(
                "fullName", "Ann", "phoneNumber", "+15550001111", "organization", "o".repeat(257))))),
                "contacts[].organization", "256");
        assertBadRequest(server.api().post("/v1/sendContactVcard", send("contacts", List.of(Map.of(
                "vcard", "BEGIN:VCARD\nFN:" + "x".repeat(8192) + "\nEND:VCARD")))), "contacts[].vcard", "8192");
        var ten = server.api().post("/v1/sendContactVcard", send("contacts", eleven.subList(0, 10)));
        assertThat(ten.status()).as(ten.toString()).isEqualTo(201);
    }

    @Test
    void keyLabels() {
        Accounts.create(server.api(), "labelled", "unlimited");
        String account = Accounts.id(server.api(), "labelled");
        assertBadRequest(server.api().post("/admin/accounts/" + account + "/keys", Map.of("label", "l".repeat(101))),
                "label", "100");
        assertThat(server.api().post("/admin/accounts/" + account + "/keys", Map.of("label", "l".repeat(100)))
                .status()).isEqualTo(201);
    }

    static Api.Response upload(String partHeaders) {
        String boundary = "limitsBoundary42";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\n" + OLA + "\r\n"
                + "--" + boundary + "\r\n" + partHeaders + "\r\n\r\n%PDF-1.4 x\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return server.api(nedKey).post("/api/whatsapp/send/file", body, "multipart/form-data; boundary=" + boundary);
    }

    @Test
    void multipartPartHeadersFileNamesAndTypes() {
        assertBadRequest(upload("Content-Disposition: form-data; name=\"files\"; filename=\"" + "f".repeat(256)
                + ".pdf\"\r\nContent-Type: application/pdf"), "filename", "255");
        assertBadRequest(upload("Content-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/" + "x".repeat(250)), "Content-Type", "255");
        assertBadRequest(upload("Content-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n"
                + "X-Padding: " + "p".repeat(4100)), "part's headers", "4096");
    }
}
