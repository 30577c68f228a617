package io.wagate.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.CheckedCalls;
import io.wagate.support.Receiver;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statuses between sandbox sessions, over HTTP: who gets a status (listed and opted in), the kinds, deletion, the
 * 24-hour expiry (on a test clock), and every refusal.
 */
class StatusesTest {
    private static final TestClock clock = TestClock.at("2026-06-01T08:00:00Z");
    @RegisterExtension
    static final RunningServer server = new RunningServer(
            () -> TestServer.startWithoutAutoLink(UnaryOperator.identity(), clock));
    private static final CheckedCalls calls = new CheckedCalls(server::api);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String STATUS = "/v1/sessions/{session}/status";
    static final String ANN = "15555560001";
    static final String BEN = "15555560002";
    static final String CAT = "15555560003";
    static final String DAN = "15555560004";
    static final String EVE = "15555560005";
    private static Receiver receiver;

    @TempDir
    static Path fixtures;

    @BeforeAll
    static void link() {
        receiver = Receiver.start();
        linked("ann", ANN, Map.of());
        linked("ben", BEN, Map.of("statuses", true, "webhooks", List.of(Map.of("url", receiver.url("/ben"),
                "events", List.of("status.received", "message")))));
        linked("cat", CAT, Map.of());
        linked("dan", DAN, Map.of("statuses", true));
        linked("eve", EVE, Map.of());
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    static void linked(String name, String phone, Map<String, Object> config) {
        var created = api().post("/v1/sessions", Map.of("name", name, "engine", "sandbox", "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Sessions.awaitStatus(api(), name, "SCAN_QR_CODE");
        assertThat(api().post("/v1/" + name + "/auth/pairing-code", Map.of("phoneNumber", phone)).status())
                .isEqualTo(200);
        Sessions.awaitStatus(api(), name, "WORKING");
    }

    private static Api api() {
        return server.api();
    }

    static List<String> ids(JsonNode statuses) {
        var ids = new ArrayList<String>();
        statuses.forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    static String waId(String id) {
        return id.substring(id.lastIndexOf("status@broadcast_") + "status@broadcast_".length()).split("_")[0];
    }

    /** Waits for {@code session}'s list to show the status with WhatsApp id {@code waId}, and returns it. */
    static JsonNode awaitListed(String session, String waId) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() -> {
            for (var status : calls.expect(200, "GET", STATUS, null, session)) {
                if (waId(status.path("id").asText()).equals(waId)) {
                    return status;
                }
            }
            return null;
        }, s -> s != null);
    }

    static boolean listed(String session, String waId) {
        return ids(calls.expect(200, "GET", STATUS, null, session)).stream().anyMatch(id -> waId(id).equals(waId));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void aTextStatusReachesTheListedContactsWhoOptedInAndOnlyThem() {
        var posted = calls.expect(201, "POST", STATUS + "/text", Map.of("text", "Out for lunch",
                "backgroundColor", "#112233", "font", 2, "contacts", List.of(BEN + "@c.us", CAT)), "ann");
        String id = posted.path("id").asText();
        assertThat(id).startsWith("true_status@broadcast_");
        assertThat(posted.path("fromMe").asBoolean()).isTrue();
        assertThat(posted.path("body").asText()).isEqualTo("Out for lunch");
        assertThat(posted.path("expiresAt").asLong() - posted.path("timestamp").asLong()).isEqualTo(86_400);
        assertThat(ids(calls.expect(200, "GET", STATUS, null, "ann"))).contains(id);

        var seen = awaitListed("ben", waId(id));
        assertThat(seen.path("id").asText()).isEqualTo("false_status@broadcast_" + waId(id) + "_" + ANN + "@c.us");
        assertThat(seen.path("from").asText()).isEqualTo(ANN + "@c.us");
        assertThat(seen.path("fromMe").asBoolean()).isFalse();
        assertThat(seen.path("body").asText()).isEqualTo("Out for lunch");
        // a recipient not on WhatsApp, or the poster, is no error: nobody gets it there
        calls.expect(201, "POST", STATUS + "/text", Map.of("text", "to nobody", "contacts",
                List.of("15559999999", ANN)), "ann");
        // cat is listed but did not opt in; dan opted in but is not listed
        assertThat(listed("cat", waId(id))).isFalse();
        assertThat(listed("dan", waId(id))).isFalse();

        // ben hears it as status.received and, as WAHA's users do, as a message of status@broadcast
        var events = await().atMost(Duration.ofSeconds(15)).until(() -> receiver.requests("/ben").stream()
                .filter(r -> r.body().length > 0 && r.json().path("payload").path("id").asText().contains(waId(id)))
                .map(Receiver.Request::event).toList(), names -> names.size() == 2);
        assertThat(events).containsExactlyInAnyOrder("message", "status.received");
        // the envelope and its payload as the OpenAPI document describes them
        var envelopeSchema = CONTRACT.document().at("/components/schemas/EventEnvelope");
        var delivered = receiver.requests("/ben").stream().filter(r -> r.body().length > 0
                && "status.received".equals(r.event())
                && r.json().path("payload").path("id").asText().contains(waId(id))).findFirst().orElseThrow().json();
        assertThat(CONTRACT.validate(delivered, envelopeSchema)).isEmpty();
        var payloadSchema = CONTRACT.resolve(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("$ref", envelopeSchema.path("x-payloads").path("status.received").asText()));
        assertThat(CONTRACT.validate(delivered.path("payload"), payloadSchema)).isEmpty();
        assertThat(delivered.path("payload").path("participant").asText()).isEqualTo(ANN + "@c.us");
        // a status is no chat
        assertThat(calls.expect(200, "GET", "/v1/sessions/{session}/chats", null, "ben").toString())
                .doesNotContain("status@broadcast");
    }

    @Test
    void withoutContactsAStatusGoesToEveryoneInTheChatListAndNobodyThereIsA409() {
        calls.expect(409, "POST", STATUS + "/text", Map.of("text", "anyone?"), "eve");
        calls.expect(201, "POST", "/v1/sendText", Map.of("session", "eve", "chatId", DAN, "text", "hi dan"));
        String id = calls.expect(201, "POST", STATUS + "/text", Map.of("text", "hello all"), "eve").path("id").asText();
        awaitListed("dan", waId(id));
        assertThat(listed("ben", waId(id))).isFalse();
    }

    @Test
    void imageVideoAndVoiceStatusesCarryTheirMedia() throws Exception {
        var image = calls.expect(201, "POST", STATUS + "/image", Map.of("caption", "view",
                "file", Map.of("data", base64(Fixtures.png()), "filename", "view.png"), "contacts", List.of(BEN)), "ann");
        assertThat(image.path("type").asText()).isEqualTo("image");
        assertThat(image.path("body").asText()).isEqualTo("view");
        var seen = awaitListed("ben", waId(image.path("id").asText()));
        assertThat(seen.path("media").path("mimetype").asText()).isEqualTo("image/png");
        var download = api().get(seen.path("media").path("url").asText());
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(Fixtures.png());

        byte[] mp3 = Files.readAllBytes(Fixtures.tone(fixtures, "note.mp3"));
        var voice = calls.expect(201, "POST", STATUS + "/voice", Map.of("convert", true, "backgroundColor", "#000000",
                "file", Map.of("data", base64(mp3), "filename", "note.mp3"), "contacts", List.of(BEN)), "ann");
        assertThat(voice.path("type").asText()).isEqualTo("voice");
        assertThat(awaitListed("ben", waId(voice.path("id").asText())).path("media").path("mimetype").asText())
                .startsWith("audio/ogg");
        // a voice status must be OGG/Opus unless it may be converted
        calls.expect(415, "POST", STATUS + "/voice", Map.of("file", Map.of("data", base64(mp3), "filename", "n.mp3"),
                "contacts", List.of(BEN)), "ann");

        byte[] webm = Files.readAllBytes(Fixtures.video(fixtures, "clip.webm", "libvpx"));
        var video = calls.expect(201, "POST", STATUS + "/video", Map.of("caption", "clip",
                "file", Map.of("data", base64(webm), "filename", "clip.webm"), "contacts", List.of(BEN)), "ann");
        assertThat(video.path("media").path("mimetype").asText()).startsWith("video/mp4");
        awaitListed("ben", waId(video.path("id").asText()));
    }

    @Test
    void onlyThePosterDeletesAStatusAndThoseWhoGotItSeeItGo() {
        String id = calls.expect(201, "POST", STATUS + "/text", Map.of("text", "oops", "contacts", List.of(BEN)),
                "ann").path("id").asText();
        var theirs = awaitListed("ben", waId(id)).path("id").asText();

        calls.expect(403, "DELETE", STATUS + "/{id}", null, "ben", theirs);
        calls.expect(404, "DELETE", STATUS + "/{id}", null, "ben", waId(id));
        calls.expect(204, "DELETE", STATUS + "/{id}", null, "ann", waId(id));
        assertThat(listed("ann", waId(id))).isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> !listed("ben", waId(id)));
        calls.expect(404, "DELETE", STATUS + "/{id}", null, "ann", id);

        // the full id works as well as WhatsApp's alone
        String other = calls.expect(201, "POST", STATUS + "/text", Map.of("text", "again", "contacts", List.of(BEN)),
                "ann").path("id").asText();
        calls.expect(204, "DELETE", STATUS + "/{id}", null, "ann", other);
        assertThat(listed("ann", waId(other))).isFalse();
    }

    @Test
    void aStatusExpiresAfterTwentyFourHours() {
        String id = calls.expect(201, "POST", STATUS + "/text", Map.of("text", "today only", "contacts",
                List.of(DAN)), "ann").path("id").asText();
        awaitListed("dan", waId(id));
        clock.advance(Duration.ofHours(23));
        assertThat(listed("ann", waId(id))).isTrue();
        assertThat(listed("dan", waId(id))).isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(listed("ann", waId(id))).isFalse();
        assertThat(listed("dan", waId(id))).isFalse();
        calls.expect(404, "DELETE", STATUS + "/{id}", null, "ann", waId(id));
    }

    @Test
    void theListIsNewestFirst() {
        String first = calls.expect(201, "POST", STATUS + "/text", Map.of("text", "one", "contacts", List.of(DAN)),
                "cat").path("id").asText();
        clock.advance(Duration.ofSeconds(5));
        String second = calls.expect(201, "POST", STATUS + "/text", Map.of("text", "two", "contacts", List.of(DAN)),
                "cat").path("id").asText();
        var own = ids(calls.expect(200, "GET", STATUS, null, "cat"));
        assertThat(own.indexOf(second)).isLessThan(own.indexOf(first)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void whatCannotBePostedIsRefused() {
        var bad = new ArrayList<Map<String, Object>>();
        bad.add(Map.of("backgroundColor", "#38b42f"));
        bad.add(Map.of("text", " "));
        bad.add(Map.of("text", "x", "backgroundColor", "green"));
        bad.add(Map.of("text", "x", "font", 11));
        bad.add(Map.of("text", "x", "font", -1));
        bad.add(Map.of("text", "x", "font", 4));
        bad.add(Map.of("text", "x", "contacts", List.of()));
        bad.add(Map.of("text", "x", "contacts", List.of("120363024802736123@g.us")));
        bad.add(Map.of("text", "x", "contacts", List.of("not a number")));
        bad.add(Map.of("text", "x".repeat(StatusService.MAX_TEXT + 1)));
        for (var body : bad) {
            var answer = api().post("/v1/sessions/ann/status/text", body);
            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
        }
        var png = Map.of("data", base64(Fixtures.png()), "filename", "p.png");
        calls.expect(400, "POST", STATUS + "/image", Map.of("contacts", List.of(BEN)), "ann");
        calls.expect(400, "POST", STATUS + "/voice", Map.of("file", png, "caption", "no", "contacts", List.of(BEN)),
                "ann");
        calls.expect(400, "POST", STATUS + "/image", Map.of("file", png, "backgroundColor", "#000000",
                "contacts", List.of(BEN)), "ann");
        calls.expect(400, "DELETE", STATUS + "/{id}", null, "ann", "no!");

        calls.expect(404, "POST", STATUS + "/text", Map.of("text", "x", "contacts", List.of(BEN)), "nobody");
        calls.expect(404, "GET", STATUS, null, "nobody");
        calls.expect(404, "DELETE", STATUS + "/{id}", null, "nobody", "3EB0C1A2B3");
    }

    @Test
    void aSessionThatIsNotWorkingCannotPostAndOthersKeysDoNotSeeTheSession() {
        var created = api().post("/v1/sessions", Map.of("name", "fay", "engine", "sandbox"));
        assertThat(created.status()).isEqualTo(201);
        Sessions.awaitStatus(api(), "fay", "SCAN_QR_CODE");
        calls.expect(409, "POST", STATUS + "/text", Map.of("text", "x", "contacts", List.of(BEN)), "fay");
        calls.expect(409, "POST", STATUS + "/image", Map.of("file", Map.of("data", base64(Fixtures.png()),
                "filename", "p.png"), "contacts", List.of(BEN)), "fay");

        // a session's own key reaches only that session: the others are not there for it
        var faysKey = server.get().api(created.json().path("apiKey").asText());
        assertThat(faysKey.get("/v1/sessions/ann/status").status()).isEqualTo(404);
        assertThat(faysKey.post("/v1/sessions/ann/status/text", Map.of("text", "x", "contacts", List.of(BEN)))
                .status()).isEqualTo(404);
        assertThat(faysKey.delete("/v1/sessions/ann/status/3EB0C1A2B3").status()).isEqualTo(404);
        assertThat(faysKey.get("/v1/sessions/fay/status").status()).isEqualTo(200);
    }

    @Test
    void theStatusesSettingIsABoolean() {
        var config = new HashMap<String, Object>();
        config.put("statuses", "yes");
        var answer = api().post("/v1/sessions", Map.of("name", "gus", "engine", "sandbox", "config", config));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        var shown = calls.expect(200, "GET", "/v1/sessions/{session}", null, "ben");
        assertThat(shown.path("config").path("statuses").asBoolean()).isTrue();
    }
}
