package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contacts on the Baileys engine, the whole path (HTTP → Java → RPC → bridge/src/contacts.js) against the scripted
 * WhatsApp of bridge/scripted/whatsapp.js: the address book's contact comes through Baileys' processSyncAction,
 * the about text through its USync parser.
 */
class BaileysContactsTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String PEER = ScriptedBridge.PEER;
    private static final String OTHER = "15550000002@c.us";

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withBaileys(ScriptedBridge.config())));

    @BeforeAll
    static void link() {
        ScriptedBridge.working(server.api(), "bk");
    }

    private static Api.Response get(String template, String contactId, String query) {
        var response = server.api().get(template.replace("{session}", "bk").replace("{contactId}", contactId) + query);
        CONTRACT.assertConforms("GET", template, response);
        return response;
    }

    private static Api.Response post(String template, String contactId) {
        var response = server.api().post(template.replace("{session}", "bk").replace("{contactId}", contactId), null);
        CONTRACT.assertConforms("POST", template, response);
        return response;
    }

    @Test
    void theAddressBooksContactWithItsPictureAndAbout() {
        var listed = await().atMost(Duration.ofSeconds(20)).until(() -> get("/v1/sessions/{session}/contacts", "", ""),
                r -> r.status() == 200 && r.json().findValuesAsText("id").contains(PEER));
        assertThat(listed.json().get(0).path("name").asText()).isEqualTo("Peer (saved)");

        var url = get("/v1/sessions/{session}/contacts/{contactId}/picture", PEER, "");
        assertThat(url.status()).as(url.toString()).isEqualTo(200);
        assertThat(url.json().path("profilePictureURL").asText()).startsWith("http://127.0.0.1:");
        var image = get("/v1/sessions/{session}/contacts/{contactId}/picture", PEER, "?format=binary");
        assertThat(image.status()).as(image.toString()).isEqualTo(200);
        assertThat(image.header("Content-Type")).startsWith("image/jpeg");
        assertThat(image.bytes()).startsWith(0xFF, 0xD8, 0xFF);
        var none = get("/v1/sessions/{session}/contacts/{contactId}/picture", OTHER, "");
        assertThat(none.status()).as(none.toString()).isEqualTo(404);

        var about = get("/v1/sessions/{session}/contacts/{contactId}/about", PEER, "");
        assertThat(about.status()).as(about.toString()).isEqualTo(200);
        assertThat(about.json().path("about").asText()).isEqualTo("Scripted peer");
        assertThat(get("/v1/sessions/{session}/contacts/{contactId}/about", OTHER, "").status()).isEqualTo(404);
    }

    @Test
    void blockingGoesToWhatsAppAndTheBlockListComesFromIt() {
        var blocked = post("/v1/sessions/{session}/contacts/{contactId}/block", PEER);
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        assertThat(get("/v1/sessions/{session}/blocklist", "", "").json().toString()).isEqualTo("[\"" + PEER + "\"]");
        assertThat(post("/v1/sessions/{session}/contacts/{contactId}/unblock", PEER).status()).isEqualTo(200);
        assertThat(server.api().get("/v1/sessions/bk/blocklist").json()).isEmpty();
        var bad = post("/v1/sessions/{session}/contacts/{contactId}/block", ScriptedBridge.OWNED_GROUP);
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    }
}
