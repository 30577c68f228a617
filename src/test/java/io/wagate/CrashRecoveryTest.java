package io.wagate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing acknowledged is lost on kill -9. Here: a session's link and its key. */
class CrashRecoveryTest {
    /** No auto-link: if the session is WORKING after the crash, it came back on its stored link. */
    private static final Map<String, String> PAIRING_ONLY = Map.of("WAGATE_SANDBOX_LINK_DELAY_MS", "-1");

    @Test
    void aSessionLinkedJustBeforeKillNineIsStillLinkedAfterARestart(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String sessionKey;
        try (var first = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = first.api();
            sessionKey = Sessions.create(api, "durable").path("apiKey").asText();
            Sessions.awaitStatus(api, "durable", "SCAN_QR_CODE");
            assertThat(api.post("/v1/durable/auth/pairing-code", Map.of("phoneNumber", "15550001111")).status())
                    .isEqualTo(200);
            assertThat(api.get("/v1/sessions/durable").json().path("status").asText()).isEqualTo("WORKING");
            first.killHard();
        }
        try (var second = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = second.api();
            var session = Sessions.awaitStatus(api, "durable", "WORKING");
            assertThat(session.path("me").path("id").asText()).isEqualTo("15550001111@c.us");
            assertThat(new io.wagate.support.Api(api.base(), sessionKey).get("/v1/sessions/durable").status())
                    .isEqualTo(200);
            assertThat(api.get("/v1/sessions/durable/me").json().path("id").asText()).isEqualTo("15550001111@c.us");
        }
    }

    @Test
    void aGeneratedAdminKeyIsPrintedOnceAndWorks(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("fresh"));
        // WAGATE_ADMIN_KEY empty means "not set": the server generates one and prints it
        try (var server = ServerProcess.start(data, Map.of("WAGATE_ADMIN_KEY", ""))) {
            Path log = ServerProcess.logOf(data);
            String output = Files.readString(log);
            var matcher = java.util.regex.Pattern.compile("wag_[A-Za-z0-9_-]{43}").matcher(output);
            assertThat(matcher.find()).as(output).isTrue();
            String key = matcher.group();
            assertThat(output).contains("curl");
            var api = new io.wagate.support.Api(server.api().base(), key);
            assertThat(api.get("/v1/sessions").status()).isEqualTo(200);
            assertThat(api.get("/admin/accounts").status()).isEqualTo(200);
            assertThat(server.api().get("/v1/sessions").status()).as("the test key was never set").isEqualTo(401);
            server.close();
        }
        try (var again = ServerProcess.start(data, Map.of("WAGATE_ADMIN_KEY", ""))) {
            String output = Files.readString(ServerProcess.logOf(data));
            assertThat(output).as("a second start prints no key").doesNotContainPattern("wag_[A-Za-z0-9_-]{43}");
        }
    }

    @Test
    void aNewWagateAdminKeyReplacesTheOldOne(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("rekey"));
        try (var first = ServerProcess.start(data, Map.of())) {
            assertThat(first.api().get("/admin/accounts").status()).isEqualTo(200);
        }
        String replacement = "wag_replacement_admin_key_abcdefghijklmnopqrstuvwxyz012345";
        try (var second = ServerProcess.start(data, Map.of("WAGATE_ADMIN_KEY", replacement))) {
            assertThat(second.api().get("/admin/accounts").status()).as("the old key").isEqualTo(401);
            var admin = new io.wagate.support.Api(second.api().base(), replacement);
            assertThat(admin.get("/admin/accounts").status()).isEqualTo(200);
            assertThat(admin.get("/admin/accounts").json().findValuesAsText("name")).containsOnlyOnce("admin");
        }
    }

    @Test
    void aSendAnswered201IsInTheHistoryAfterKillNine(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("sends"));
        String sentId;
        try (var first = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = first.api();
            Sessions.linked(api, "sender", "15550002222");
            var sent = api.post("/v1/sendText", Map.of("session", "sender", "chatId", "15550000002", "text", "durable"));
            assertThat(sent.status()).isEqualTo(201);
            sentId = sent.json().path("id").asText();
            first.killHard();
        }
        try (var second = ServerProcess.start(data, PAIRING_ONLY)) {
            var history = second.api().get("/v1/messages?session=sender&chatId=15550000002").json();
            assertThat(history.findValuesAsText("id")).contains(sentId);
            assertThat(history.get(0).path("body").asText()).isEqualTo("durable");
        }
    }
}
