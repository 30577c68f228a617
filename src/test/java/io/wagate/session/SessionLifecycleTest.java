package io.wagate.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.wagate.support.Api;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session lifecycle of DESIGN §5 over HTTP, on a sandbox that links by itself after 300 ms. */
class SessionLifecycleTest {
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createLinksBySelfAndReportsMe() {
        var created = Sessions.create(api, "auto");
        assertThat(created.path("name").asText()).isEqualTo("auto");
        assertThat(created.path("engine").asText()).isEqualTo("sandbox");
        assertThat(created.path("status").asText()).isIn("STARTING", "SCAN_QR_CODE");
        assertThat(created.path("apiKey").asText()).startsWith("wag_").hasSizeGreaterThan(40);
        assertThat(created.path("createdAt").asText()).isNotBlank();

        var working = Sessions.awaitStatus(api, "auto", "WORKING");
        assertThat(working.path("me").path("id").asText()).matches("1555\\d{7}@c\\.us");
        assertThat(working.has("apiKey")).isFalse();

        var created2 = api.post("/v1/sessions", Map.of("name", "unlinked", "start", false));
        assertThat(created2.json().path("createdAt").asText())
                .isEqualTo(api.get("/v1/sessions/unlinked").json().path("createdAt").asText());
        var notLinked = api.get("/v1/sessions/unlinked/me");
        assertThat(notLinked.status()).isEqualTo(200);
        assertThat(notLinked.text()).isEqualTo("null");

        var me = api.get("/v1/sessions/auto/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo(working.path("me").path("id").asText());
    }

    @Test
    void nameIsGeneratedWhenOmittedAndAnEmptyBodyStartsWithDefaults() {
        var response = api.send("POST", "/v1/sessions", null, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("name").asText()).matches("session_[0-9a-f]{8}");
        assertThat(response.json().path("engine").asText()).isEqualTo("sandbox");
        assertThat(response.json().path("status").asText()).isNotEqualTo("STOPPED");
    }

    @Test
    void aSecondSessionOfTheSameNameIsAConflict() {
        Sessions.create(api, "twice");
        var again = api.post("/v1/sessions", Map.of("name", "twice"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("statusCode").asInt()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).isEqualTo("Conflict");
        assertThat(again.json().path("message").asText()).contains("twice");
    }

    @Test
    void racingCreatesOfOneNameYieldOneSessionAndConflicts() throws Exception {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Callable<Integer> create =
                    () -> api.post("/v1/sessions", Map.of("name", "racer", "start", false)).status();
            var results = pool.invokeAll(java.util.Collections.nCopies(8, create));
            var statuses = new java.util.ArrayList<Integer>();
            for (var result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        }
    }

    @Test
    void createWithStartFalseStaysStoppedUntilStarted() {
        var created = api.post("/v1/sessions", Map.of("name", "lazy", "start", false));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("STOPPED");

        var started = api.post("/v1/sessions/start", Map.of("name", "lazy"));
        assertThat(started.status()).isEqualTo(200);
        Sessions.awaitStatus(api, "lazy", "WORKING");
        // start is idempotent
        assertThat(api.post("/v1/sessions/lazy/start", null).status()).isEqualTo(200);
        assertThat(api.get("/v1/sessions/lazy").json().path("status").asText()).isEqualTo("WORKING");
    }

    @Test
    void stopKeepsTheLinkSoStartNeedsNoQr() {
        Sessions.create(api, "stopper");
        String meId = Sessions.awaitStatus(api, "stopper", "WORKING").path("me").path("id").asText();

        var stopped = api.post("/v1/sessions/stop", Map.of("name", "stopper"));
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("status").asText()).isEqualTo("STOPPED");

        var started = api.post("/v1/sessions/stopper/start", null);
        assertThat(started.status()).isEqualTo(200);
        var working = Sessions.awaitStatus(api, "stopper", "WORKING");
        assertThat(working.path("me").path("id").asText()).isEqualTo(meId);

        assertThat(api.post("/v1/sessions/stopper/stop", null).json().path("status").asText()).isEqualTo("STOPPED");
        assertThat(api.post("/v1/sessions/stopper/restart", null).status()).isEqualTo(200);
        assertThat(Sessions.awaitStatus(api, "stopper", "WORKING").path("me").path("id").asText()).isEqualTo(meId);
    }

    @Test
    void stopWithLogoutForgetsTheLink() {
        Sessions.create(api, "leaver");
        Sessions.awaitStatus(api, "leaver", "WORKING");
        var stopped = api.post("/v1/sessions/stop", Map.of("name", "leaver", "logout", true));
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.json().path("me").isNull()).isTrue();
    }

    @Test
    void qrFormatsCarryTheSameQrString() throws Exception {
        try (var slow = TestServer.startWithoutAutoLink()) {
            var slowApi = slow.api();
            Sessions.create(slowApi, "qr");
            Sessions.awaitStatus(slowApi, "qr", "SCAN_QR_CODE");

            var raw = slowApi.get("/v1/qr/auth/qr?format=raw");
            assertThat(raw.status()).isEqualTo(200);
            String value = raw.json().path("value").asText();
            assertThat(value).startsWith("2@").contains(",");

            var base64 = slowApi.get("/v1/qr/auth/qr");
            assertThat(base64.status()).isEqualTo(200);
            assertThat(base64.json().path("mimetype").asText()).isEqualTo("image/png");
            assertThat(decodeQr(Base64.getDecoder().decode(base64.json().path("data").asText()))).isEqualTo(value);

            for (String format : new String[] {"binary", "image"}) {
                var png = slowApi.get("/v1/qr/auth/qr?format=" + format);
                assertThat(png.status()).isEqualTo(200);
                assertThat(png.header("Content-Type")).startsWith("image/png");
                assertThat(decodeQr(png.bytes())).isEqualTo(value);
            }
            assertThat(slowApi.get("/v1/qr/auth/qr?format=svg").status()).isEqualTo(400);
        }
    }

    @Test
    void qrOfAWorkingSessionIsAConflictNamingTheStatus() {
        Sessions.create(api, "linked");
        Sessions.awaitStatus(api, "linked", "WORKING");
        var qr = api.get("/v1/linked/auth/qr");
        assertThat(qr.status()).isEqualTo(409);
        assertThat(api.get("/v1/linked/auth/qr?format=svg").status()).as("format is checked first").isEqualTo(400);
        assertThat(qr.json().path("message").asText()).contains("WORKING");
    }

    @Test
    void deleteIsIdempotentAndLeavesTheSessionKeyReachingNothing() {
        String key = Sessions.create(api, "doomed").path("apiKey").asText();
        assertThat(server.api(key).get("/v1/sessions/doomed").status()).isEqualTo(200);

        assertThat(api.delete("/v1/sessions/doomed").status()).isEqualTo(204);
        assertThat(api.delete("/v1/sessions/doomed").status()).isEqualTo(204);
        assertThat(api.get("/v1/sessions/doomed").status()).isEqualTo(404);
        assertThat(server.api(key).get("/v1/sessions/doomed").status()).isEqualTo(404);
        assertThat(server.api(key).get("/v1/sessions").json()).isEmpty();

        // a new session of the same name is a new session: the old key does not reach it
        Sessions.create(api, "doomed");
        assertThat(server.api(key).get("/v1/sessions/doomed").status()).isEqualTo(404);
    }

    @Test
    void listShowsTheAccountsSessions() {
        Sessions.create(api, "listed");
        var list = api.get("/v1/sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).contains("listed");
    }

    @Test
    void updateReplacesConfigAndNeverEchoesHmacKeys() {
        Sessions.create(api, "configured");
        var config = Map.of("config", Map.of(
                "metadata", Map.of("team", "sales"),
                "webhooks", java.util.List.of(Map.of("url", "https://example.org/hook",
                        "events", java.util.List.of("message"), "hmac", Map.of("key", "s3cret")))));
        var updated = api.put("/v1/sessions/configured", config);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("config").path("metadata").path("team").asText()).isEqualTo("sales");
        assertThat(updated.json().path("config").path("webhooks").get(0).path("url").asText())
                .isEqualTo("https://example.org/hook");
        assertThat(updated.text()).doesNotContain("s3cret");
        assertThat(api.get("/v1/sessions/configured").text()).doesNotContain("s3cret").contains("sales");
    }

    @Test
    void runningSessionsComeBackAfterARestartAndStoppedOnesStayStopped() {
        Sessions.create(api, "survivor");
        String meId = Sessions.awaitStatus(api, "survivor", "WORKING").path("me").path("id").asText();
        Sessions.create(api, "sleeper");
        Sessions.awaitStatus(api, "sleeper", "WORKING");
        api.post("/v1/sessions/sleeper/stop", null);

        server.restart();
        api = server.api();

        var back = Sessions.awaitStatus(api, "survivor", "WORKING");
        assertThat(back.path("me").path("id").asText()).isEqualTo(meId);
        assertThat(api.get("/v1/sessions/sleeper").json().path("status").asText()).isEqualTo("STOPPED");
    }

    static String decodeQr(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        // PURE_BARCODE: the image is a generated code, not a photo, so no searching for finder patterns.
        return new MultiFormatReader().decode(bitmap, java.util.Map.of(
                com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
