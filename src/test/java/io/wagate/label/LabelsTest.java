package io.wagate.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.Receiver;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WhatsApp Business labels over HTTP on the sandbox: business accounts only, the label.* events, the chat overview. */
class LabelsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String BIZ = "15556710001";
    static final String PLAIN = "15556710002";
    static final String ECHO = "15550000001";
    private static Receiver receiver;

    @BeforeAll
    static void link() {
        receiver = Receiver.start();
        var created = api().post("/v1/sessions", Map.of("name", "biz", "engine", "sandbox", "config", Map.of(
                "business", true, "webhooks", List.of(Map.of("url", receiver.url("/hook"), "events",
                        List.of("label.upsert", "label.deleted", "label.chat.added", "label.chat.deleted"))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Sessions.awaitStatus(api(), "biz", "SCAN_QR_CODE");
        assertThat(api().post("/v1/biz/auth/pairing-code", Map.of("phoneNumber", BIZ)).status()).isEqualTo(200);
        Sessions.awaitStatus(api(), "biz", "WORKING");
        Sessions.linked(api(), "plain", PLAIN);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static Api api() {
        return server.api();
    }

    private static Api.Response call(String method, String template, String session, String id, Object body) {
        String path = template.replace("{session}", session).replace("{labelId}", id).replace("{chatId}", id);
        var response = switch (method) {
            case "GET" -> api().get(path);
            case "POST" -> api().post(path, body);
            case "PUT" -> api().put(path, body);
            default -> api().delete(path);
        };
        CONTRACT.assertConforms(method, template, response);
        return response;
    }

    private static Api.Response create(String session, Map<String, Object> body) {
        return call("POST", "/v1/sessions/{session}/labels", session, "", body);
    }

    private static List<String> ids(JsonNode array) {
        var ids = new ArrayList<String>();
        array.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    @Test
    void aBusinessAccountCreatesRenamesLabelsChatsAndDeletesThemWithEvents() {
        var lead = create("biz", Map.of("name", "Lead", "color", 0));
        assertThat(lead.status()).as(lead.toString()).isEqualTo(201);
        assertThat(lead.json().path("name").asText()).isEqualTo("Lead");
        assertThat(lead.json().path("colorHex").asText()).isEqualTo("#ff9485");
        String leadId = lead.json().path("id").asText();
        var paid = create("biz", Map.of("name", "Paid", "colorHex", "#64C4FF"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().path("color").asInt()).isEqualTo(1);
        String paidId = paid.json().path("id").asText();
        assertThat(paidId).isNotEqualTo(leadId);
        assertThat(ids(call("GET", "/v1/sessions/{session}/labels", "biz", "", null).json()))
                .containsSubsequence(leadId, paidId);
        var upserted = receiver.awaitRequest("label.upsert of Lead", r -> r.event().equals("label.upsert")
                && r.json().path("payload").path("id").asText().equals(leadId));
        assertThat(upserted.json().path("payload").path("colorHex").asText()).isEqualTo("#ff9485");

        var renamed = call("PUT", "/v1/sessions/{session}/labels/{labelId}", "biz", leadId,
                Map.of("name", "Hot lead", "color", 13));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("Hot lead");
        assertThat(renamed.json().path("colorHex").asText()).isEqualTo("#f74848");

        api().post("/v1/sendText", Map.of("session", "biz", "chatId", ECHO, "text", "hello"));
        await().atMost(Duration.ofSeconds(15)).until(() -> api().get("/v1/messages?session=biz&chatId=" + ECHO)
                .json().size() == 2);
        var set = call("PUT", "/v1/sessions/{session}/chats/{chatId}/labels", "biz", ECHO,
                Map.of("labels", List.of(leadId, paidId)));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(ids(set.json())).containsExactly(leadId, paidId);
        receiver.awaitRequest("label.chat.added", r -> r.event().equals("label.chat.added")
                && r.json().path("payload").path("labelId").asText().equals(paidId)
                && r.json().path("payload").path("chatId").asText().equals(ECHO + "@c.us"));
        var chats = call("GET", "/v1/sessions/{session}/labels/{labelId}/chats", "biz", paidId, null);
        assertThat(ids(chats.json())).containsExactly(ECHO + "@c.us");
        var overview = api().get("/v1/sessions/biz/chats");
        CONTRACT.assertConforms("GET", "/v1/sessions/{session}/chats", overview);
        assertThat(ids(overview.json().get(0).path("labels"))).containsExactly(leadId, paidId);

        var fewer = call("PUT", "/v1/sessions/{session}/chats/{chatId}/labels", "biz", ECHO,
                Map.of("labels", List.of(leadId)));
        assertThat(ids(fewer.json())).containsExactly(leadId);
        receiver.awaitRequest("label.chat.deleted", r -> r.event().equals("label.chat.deleted")
                && r.json().path("payload").path("labelId").asText().equals(paidId));
        assertThat(call("GET", "/v1/sessions/{session}/labels/{labelId}/chats", "biz", paidId, null).json()).isEmpty();

        var deleted = call("DELETE", "/v1/sessions/{session}/labels/{labelId}", "biz", leadId, null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        receiver.awaitRequest("label.deleted", r -> r.event().equals("label.deleted")
                && r.json().path("payload").path("id").asText().equals(leadId));
        assertThat(ids(api().get("/v1/sessions/biz/labels").json())).doesNotContain(leadId);
        assertThat(api().get("/v1/sessions/biz/chats").json().get(0).path("labels")).isEmpty();
        assertThat(call("GET", "/v1/sessions/{session}/labels/{labelId}/chats", "biz", leadId, null).status())
                .isEqualTo(404);
    }

    @Test
    void anAccountThatIsNotABusinessAccountHasNoLabels() {
        var refused = create("plain", Map.of("name", "Lead", "color", 0));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.text()).contains("WhatsApp Business");
        assertThat(api().get("/v1/sessions/plain/labels").json()).isEmpty();
    }

    @Test
    void badLabelsAndUnknownOnesAreRefused() {
        assertThat(create("biz", Map.of("name", " ", "color", 0)).status()).isEqualTo(400);
        assertThat(create("biz", Map.of("name", "x", "color", 20)).status()).isEqualTo(400);
        assertThat(create("biz", Map.of("name", "x", "colorHex", "#000000")).status()).isEqualTo(400);
        assertThat(create("biz", Map.of("name", "x")).status()).isEqualTo(400);
        assertThat(create("biz", Map.of("name", "x".repeat(101), "color", 1)).status()).isEqualTo(400);
        assertThat(create("nobody", Map.of("name", "x", "color", 1)).status()).isEqualTo(404);
        assertThat(call("PUT", "/v1/sessions/{session}/labels/{labelId}", "biz", "999", Map.of("name", "y"))
                .status()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/sessions/{session}/labels/{labelId}", "biz", "999", null).status())
                .isEqualTo(404);

        var vip = create("biz", Map.of("name", "VIP", "color", 3));
        assertThat(vip.status()).as(vip.toString()).isEqualTo(201);
        assertThat(create("biz", Map.of("name", "vip", "color", 4)).status()).as("a name used twice").isEqualTo(409);
        String vipId = vip.json().path("id").asText();
        assertThat(call("PUT", "/v1/sessions/{session}/chats/{chatId}/labels", "biz", ECHO,
                Map.of("labels", List.of("999"))).status()).isEqualTo(404);
        assertThat(call("PUT", "/v1/sessions/{session}/chats/{chatId}/labels", "biz", "15559990000",
                Map.of("labels", List.of(vipId))).status()).as("a chat the account does not have").isEqualTo(404);
        assertThat(call("PUT", "/v1/sessions/{session}/chats/{chatId}/labels", "biz", ECHO, Map.of()).status())
                .isEqualTo(400);
        assertThat(call("PUT", "/v1/sessions/{session}/chats/{chatId}/labels", "biz", "not-a-chat",
                Map.of("labels", List.of(vipId))).status()).isEqualTo(400);
    }

    @Test
    void whatsAppKeepsAtMostTwentyLabels() {
        var created = api().post("/v1/sessions", Map.of("name", "full", "engine", "sandbox",
                "config", Map.of("business", true)));
        assertThat(created.status()).isEqualTo(201);
        Sessions.awaitStatus(api(), "full", "SCAN_QR_CODE");
        api().post("/v1/full/auth/pairing-code", Map.of("phoneNumber", "15556710003"));
        Sessions.awaitStatus(api(), "full", "WORKING");
        for (int i = 0; i < LabelService.MAX_LABELS; i++) {
            assertThat(create("full", Map.of("name", "L" + i, "color", i)).status()).isEqualTo(201);
        }
        var more = create("full", Map.of("name", "one more", "color", 0));
        assertThat(more.status()).as(more.toString()).isEqualTo(409);

        // a stopped session changes no labels
        api().post("/v1/sendText", Map.of("session", "full", "chatId", ECHO, "text", "hello"));
        await().atMost(Duration.ofSeconds(15)).until(() -> api().get("/v1/sessions/full/chats").json().size() == 1);
        assertThat(api().post("/v1/sessions/full/stop", null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/v1/sessions/{session}/labels/{labelId}", "full", "1", null).status()).isEqualTo(409);
        assertThat(call("PUT", "/v1/sessions/{session}/labels/{labelId}", "full", "1", Map.of("name", "x")).status())
                .isEqualTo(409);
        assertThat(call("PUT", "/v1/sessions/{session}/chats/{chatId}/labels", "full", ECHO,
                Map.of("labels", List.of("1"))).status()).isEqualTo(409);
        assertThat(call("GET", "/v1/sessions/{session}/labels", "full", "", null).json()).hasSize(LabelService.MAX_LABELS);
    }

    @Test
    void businessIsForSandboxSessionsOnlyAndMustBeABoolean() {
        var baileys = api().post("/v1/sessions", Map.of("name", "realbiz", "engine", "baileys",
                "config", Map.of("business", true)));
        assertThat(baileys.status()).as(baileys.toString()).isEqualTo(400);
        assertThat(baileys.text()).contains("config.business is for sandbox sessions only");
        var notBoolean = api().post("/v1/sessions", Map.of("name", "odd", "engine", "sandbox",
                "config", Map.of("business", "maybe")));
        assertThat(notBoolean.status()).as(notBoolean.toString()).isEqualTo(400);
    }
}
