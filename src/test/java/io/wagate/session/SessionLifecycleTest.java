package io.wagate.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Api;
import io.wagate.support.Sessions;
import io.wagate.support.RunningServer;
import io.wagate.support.QrCodes;
import io.wagate.support.TestServer;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session lifecycle (README "Sessions") over HTTP, on a sandbox that links by itself after 300 ms. */
class SessionLifecycleTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::start);

    @Test
    void createLinksBySelfAndReportsMe() {
        var created = Sessions.create(server.api(), "auto");
        assertThat(created.path("name").asText()).isEqualTo("auto");
        assertThat(created.path("engine").asText()).isEqualTo("sandbox");
        assertThat(created.path("status").asText()).isIn("STARTING", "SCAN_QR_CODE");
        assertThat(created.path("apiKey").asText()).startsWith("wag_").hasSizeGreaterThan(40);
        assertThat(created.path("createdAt").asText()).isNotBlank();

        var working = Sessions.awaitStatus(server.api(), "auto", "WORKING");
        assertThat(working.path("me").path("id").asText()).matches("1555\\d{7}@c\\.us");
        assertThat(working.has("apiKey")).isFalse();

        var created2 = server.api().post("/v1/sessions", Map.of("name", "unlinked", "start", false));
        assertThat(created2.json().path("createdAt").asText())
                .isEqualTo(server.api().get("/v1/sessions/unlinked").json().path("createdAt").asText());
        var notLinked = server.api().get("/v1/sessions/unlinked/me");
        assertThat(notLinked.status()).isEqualTo(200);
        assertThat(notLinked.text()).isEqualTo("null");

        var me = server.api().get("/v1/sessions/auto/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo(working.path("me").path("id").asText());
    }

    @Test
    void nameIsGeneratedWhenOmittedAndAnEmptyBodyStartsWithDefaults() {
        var response = server.api().send("POST", "/v1/sessions", null, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("name").asText()).matches("session_[0-9a-f]{8}");
        assertThat(response.json().path("engine").asText()).isEqualTo("sandbox");
        assertThat(response.json().path("status").asText()).isNotEqualTo("STOPPED");
    }

    @Test
    void aSecondSessionOfTheSameNameIsAConflict() {
        Sessions.create(server.api(), "twice");
        var again = server.api().post("/v1/sessions", Map.of("name", "twice"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("statusCode").asInt()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).isEqualTo("Conflict");
        assertThat(again.json().path("message").asText()).contains("twice");
    }

    @Test
    void racingCreatesOfOneNameYieldOneSessionAndConflicts() throws Exception {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Callable<Integer> create =
                    () -> server.api().post("/v1/sessions", Map.of("name", "racer", "start", false)).status();
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
        var created = server.api().post("/v1/sessions", Map.of("name", "lazy", "start", false));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("STOPPED");

        var started = server.api().post("/v1/sessions/start", Map.of("name", "lazy"));
        assertThat(started.status()).isEqualTo(200);
        Sessions.awaitStatus(server.api(), "lazy", "WORKING");
        // start is idempotent
        assertThat(server.api().post("/v1/sessions/lazy/start", null).status()).isEqualTo(200);
        assertThat(server.api().get("/v1/sessions/lazy").json().path("status").asText()).isEqualTo("WORKING");
    }

    @Test
    void stopKeepsTheLinkSoStartNeedsNoQr() {
        Sessions.create(server.api(), "stopper");
        String meId = Sessions.awaitStatus(server.api(), "stopper", "WORKING").path("me").path("id").asText();

        var stopped = server.api().post("/v1/sessions/stop", Map.of("name", "stopper"));
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("status").asText()).isEqualTo("STOPPED");

        var started = server.api().post("/v1/sessions/stopper/start", null);
        assertThat(started.status()).isEqualTo(200);
        var working = Sessions.awaitStatus(server.api(), "stopper", "WORKING");
        assertThat(working.path("me").path("id").asText()).isEqualTo(meId);

        assertThat(server.api().post("/v1/sessions/stopper/stop", null).json().path("status").asText()).isEqualTo("STOPPED");
        assertThat(server.api().post("/v1/sessions/stopper/restart", null).status()).isEqualTo(200);
        assertThat(Sessions.awaitStatus(server.api(), "stopper", "WORKING").path("me").path("id").asText()).isEqualTo(meId);
    }

    @Test
    void stopWithLogoutForgetsTheLink() {
        Sessions.create(server.api(), "leaver");
        Sessions.awaitStatus(server.api(), "leaver", "WORKING");
        var stopped = server.api().post("/v1/sessions/stop", Map.of("name", "leaver", "logout", true));
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
            assertThat(QrCodes.decode(Base64.getDecoder().decode(base64.json().path("data").asText()))).isEqualTo(value);

            for (String format : new String[] {"binary", "image"}) {
                var png = slowApi.get("/v1/qr/auth/qr?format=" + format);
                assertThat(png.status()).isEqualTo(200);
                assertThat(png.header("Content-Type")).startsWith("image/png");
                assertThat(QrCodes.decode(png.bytes())).isEqualTo(value);
            }
            assertThat(slowApi.get("/v1/qr/auth/qr?format=svg").status()).isEqualTo(400);
        }
    }

    @Test
    void qrOfAWorkingSessionIsAConflictNamingTheStatus() {
        Sessions.create(server.api(), "linked");
        Sessions.awaitStatus(server.api(), "linked", "WORKING");
        var qr = server.api().get("/v1/linked/auth/qr");
        assertThat(qr.status()).isEqualTo(409);
        assertThat(server.api().get("/v1/linked/auth/qr?format=svg").status()).as("format is checked first").isEqualTo(400);
        assertThat(qr.json().path("message").asText()).contains("WORKING");
    }

    @Test
    void deleteIsIdempotentAndLeavesTheSessionKeyReachingNothing() {
        String key = Sessions.create(server.api(), "doomed").path("apiKey").asText();
        assertThat(server.api(key).get("/v1/sessions/doomed").status()).isEqualTo(200);

        assertThat(server.api().delete("/v1/sessions/doomed").status()).isEqualTo(204);
        assertThat(server.api().delete("/v1/sessions/doomed").status()).isEqualTo(204);
        assertThat(server.api().get("/v1/sessions/doomed").status()).isEqualTo(404);
        assertThat(server.api(key).get("/v1/sessions/doomed").status()).isEqualTo(404);
        assertThat(server.api(key).get("/v1/sessions").json()).isEmpty();

        // a new session of the same name is a new session: the old key does not reach it
        Sessions.create(server.api(), "doomed");
        assertThat(server.api(key).get("/v1/sessions/doomed").status()).isEqualTo(404);
    }

    @Test
    void listShowsTheAccountsSessions() {
        Sessions.create(server.api(), "listed");
        var list = server.api().get("/v1/sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).contains("listed");
    }

    @Test
    void updateReplacesConfigAndNeverEchoesHmacKeys() {
        Sessions.create(server.api(), "configured");
        var config = Map.of("config", Map.of(
                "metadata", Map.of("team", "sales"),
                "webhooks", java.util.List.of(Map.of("url", "https://example.org/hook",
                        "events", java.util.List.of("message"), "hmac", Map.of("key", "s3cret")))));
        var updated = server.api().put("/v1/sessions/configured", config);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("config").path("metadata").path("team").asText()).isEqualTo("sales");
        assertThat(updated.json().path("config").path("webhooks").get(0).path("url").asText())
                .isEqualTo("https://example.org/hook");
        assertThat(updated.text()).doesNotContain("s3cret");
        assertThat(server.api().get("/v1/sessions/configured").text()).doesNotContain("s3cret").contains("sales");
    }

    @Test
    void aProxyPasswordIsNeverEchoedButKeptAndAConfigPutBackAsReadKeepsIt() {
        String proxy = "socks5://proxyuser:pr0xy-s3cret@127.0.0.1:1080";
        try (var receiver = io.wagate.support.Receiver.start()) {
            var created = server.api().post("/v1/sessions", Map.of("name", "proxied", "config", Map.of("proxy", proxy,
                    "webhooks", java.util.List.of(Map.of("url", receiver.url("/hook"), "events", java.util.List.of("*"))))));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().path("config").path("proxy").asText()).isEqualTo("socks5://proxyuser:***@127.0.0.1:1080");
            Sessions.awaitStatus(server.api(), "proxied", "WORKING");
            var read = server.api().get("/v1/sessions/proxied");
            assertThat(read.json().path("config").path("proxy").asText()).isEqualTo("socks5://proxyuser:***@127.0.0.1:1080");
            assertThat(read.text()).doesNotContain("pr0xy-s3cret");
            assertThat(server.api().get("/v1/sessions").text()).contains("proxyuser:***@").doesNotContain("pr0xy-s3cret");
            receiver.awaitRequest("the session's WORKING status", r -> r.json().path("event").asText().equals("session.status")
                    && r.json().path("payload").path("status").asText().equals("WORKING"));
            assertThat(receiver.requests("/hook")).allSatisfy(r -> assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("pr0xy-s3cret"));

            // The config as read, put back: the stored password stays; a new one replaces it.
            var config = Map.of("config", Map.of("proxy", read.json().path("config").path("proxy").asText()));
            assertThat(server.api().put("/v1/sessions/proxied", config).status()).isEqualTo(200);
            assertThat(storedProxy("proxied")).isEqualTo(proxy);
            var changed = server.api().put("/v1/sessions/proxied", Map.of("config", Map.of("proxy", "http://other:n3w@127.0.0.1:3128")));
            assertThat(changed.json().path("config").path("proxy").asText()).isEqualTo("http://other:***@127.0.0.1:3128");
            assertThat(storedProxy("proxied")).isEqualTo("http://other:n3w@127.0.0.1:3128");
        }
    }

    private static String storedProxy(String session) {
        String config = server.get().app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT config FROM sessions WHERE name = :name").bind("name", session).mapTo(String.class).one());
        try {
            return io.wagate.http.Json.mapper().readTree(config).path("proxy").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runningSessionsComeBackAfterARestartAndStoppedOnesStayStopped() {
        Sessions.create(server.api(), "survivor");
        String meId = Sessions.awaitStatus(server.api(), "survivor", "WORKING").path("me").path("id").asText();
        Sessions.create(server.api(), "sleeper");
        Sessions.awaitStatus(server.api(), "sleeper", "WORKING");
        server.api().post("/v1/sessions/sleeper/stop", null);

        server.get().restart();

        var back = Sessions.awaitStatus(server.api(), "survivor", "WORKING");
        assertThat(back.path("me").path("id").asText()).isEqualTo(meId);
        assertThat(server.api().get("/v1/sessions/sleeper").json().path("status").asText()).isEqualTo("STOPPED");
    }
}
