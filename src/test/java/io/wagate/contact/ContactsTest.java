package io.wagate.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contacts over HTTP on the sandbox: the list, one contact, pictures, about texts, blocking and the block list. */
class ContactsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String CORA = "15556670001";
    static final String DAN = "15556670002";
    static final String EVA = "15556670003";
    static final String ECHO = "15550000001";
    static final String SILENT = "15550000002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "cora", CORA);
        Sessions.linked(server.api(), "dan", DAN);
        Sessions.linked(server.api(), "eva", EVA);
    }

    private static Api api() {
        return server.api();
    }

    private static Api.Response get(String template, String session, String contactId, String query) {
        var response = api().get(template.replace("{session}", session).replace("{contactId}", contactId) + query);
        CONTRACT.assertConforms("GET", template, response);
        return response;
    }

    private static Api.Response post(String template, String session, String contactId) {
        var response = api().post(template.replace("{session}", session).replace("{contactId}", contactId), null);
        CONTRACT.assertConforms("POST", template, response);
        return response;
    }

    private static JsonNode contacts(String session, String query) {
        var response = get("/v1/sessions/{session}/contacts", session, "", query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode list) {
        var ids = new ArrayList<String>();
        list.forEach(c -> ids.add(c.path("id").isTextual() ? c.path("id").asText() : c.asText()));
        return ids;
    }

    private static JsonNode blocklist(String session) {
        var response = get("/v1/sessions/{session}/blocklist", session, "", "");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void thePhonesAddressBookAndEveryoneItWroteToOrHeardFrom() {
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(contacts("cora", "")).contains(ECHO + "@c.us"));
        var echo = get("/v1/sessions/{session}/contacts/{contactId}", "cora", ECHO, "");
        assertThat(echo.status()).as(echo.toString()).isEqualTo(200);
        assertThat(echo.json().path("name").asText()).isEqualTo("Echo (sandbox)");
        assertThat(echo.json().path("pushname").asText()).isEqualTo("Echo");
        assertThat(echo.json().path("number").asText()).isEqualTo(ECHO);
        String lid = echo.json().path("lid").asText();
        assertThat(lid).endsWith("@lid");
        // by its LID too
        assertThat(get("/v1/sessions/{session}/contacts/{contactId}", "cora", lid, "").json().path("id").asText())
                .isEqualTo(ECHO + "@c.us");

        api().post("/v1/sendText", Map.of("session", "cora", "chatId", EVA, "text", "hello eva"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(contacts("cora", "?limit=1000")).contains(EVA + "@c.us")
                && ids(contacts("eva", "?limit=1000")).contains(CORA + "@c.us"));
        var eva = get("/v1/sessions/{session}/contacts/{contactId}", "cora", EVA + "@c.us", "").json();
        assertThat(eva.path("name").isNull()).isTrue();
        assertThat(eva.path("pushname").asText()).isEqualTo("Sandbox 0003");
        // the recipient learned of the sender by its push name
        assertThat(get("/v1/sessions/{session}/contacts/{contactId}", "eva", CORA, "").json().path("pushname").asText())
                .isEqualTo("Sandbox 0001");

        // sorted and paged: by id by default, by name (saved, else push name) on request
        var byId = ids(contacts("cora", ""));
        assertThat(byId).isSorted();
        assertThat(ids(contacts("cora", "?sortBy=id&sortOrder=desc"))).isEqualTo(byId.reversed());
        var byName = new ArrayList<String>();
        contacts("cora", "?sortBy=name").forEach(c -> byName.add(c.path("name").isNull()
                ? c.path("pushname").asText() : c.path("name").asText()));
        assertThat(byName).isSorted();
        assertThat(ids(contacts("cora", "?limit=1&offset=1"))).containsExactly(byId.get(1));
    }

    @Test
    void badAndUnknownContacts() {
        String one = "/v1/sessions/{session}/contacts/{contactId}";
        assertBad(get(one, "cora", "15559999999", ""), 404, "not among the contacts");
        assertBad(get(one, "cora", "120363000000000001@g.us", ""), 400, "must name a person");
        assertBad(get(one, "cora", "hello", ""), 400, "contactId");
        assertBad(get(one, "ghost", ECHO, ""), 404, "ghost");
        assertBad(get("/v1/sessions/{session}/contacts", "cora", "", "?limit=0"), 400, "limit");
        assertBad(get("/v1/sessions/{session}/contacts", "cora", "", "?offset=-1"), 400, "offset");
        assertBad(get("/v1/sessions/{session}/contacts", "cora", "", "?sortBy=age"), 400, "sortBy");
        assertBad(get("/v1/sessions/{session}/contacts", "cora", "", "?sortOrder=up"), 400, "sortOrder");
        assertBad(get("/v1/sessions/{session}/contacts", "ghost", "", ""), 404, "ghost");
        assertBad(get("/v1/sessions/{session}/blocklist", "ghost", "", ""), 404, "ghost");
    }

    @Test
    void picturesAsUrlAndAsImage() throws Exception {
        String path = "/v1/sessions/{session}/contacts/{contactId}/picture";
        var url = get(path, "cora", ECHO, "");
        assertThat(url.status()).as(url.toString()).isEqualTo(200);
        assertThat(url.json().path("profilePictureURL").asText()).startsWith("https://");
        assertThat(get(path, "cora", ECHO, "?format=url").json()).isEqualTo(url.json());
        var image = get(path, "cora", DAN + "@c.us", "?format=binary");
        assertThat(image.status()).as(image.toString()).isEqualTo(200);
        assertThat(image.header("Content-Type")).startsWith("image/png");
        var png = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        assertThat(png.getWidth()).isEqualTo(96);
        // the same picture again (from the cache), and another contact's in a colour of its own
        assertThat(get(path, "cora", DAN, "?format=binary").bytes()).isEqualTo(image.bytes());
        assertThat(get(path, "cora", ECHO, "?format=binary").bytes()).isNotEqualTo(image.bytes());

        assertBad(get(path, "cora", SILENT, ""), 404, "no profile picture");
        assertBad(get(path, "cora", SILENT, "?format=binary"), 404, "no profile picture");
        assertBad(get(path, "cora", "15559999999", ""), 404, "not on WhatsApp");
        assertBad(get(path, "cora", ECHO, "?format=gif"), 400, "format");
        assertBad(get(path, "cora", "120363000000000001@g.us", ""), 400, "must name a person");
    }

    @Test
    void aboutTexts() {
        String path = "/v1/sessions/{session}/contacts/{contactId}/about";
        var echo = get(path, "cora", ECHO, "");
        assertThat(echo.status()).as(echo.toString()).isEqualTo(200);
        assertThat(echo.json().path("about").asText()).contains("write back");
        assertThat(get(path, "cora", DAN, "").json().path("about").asText()).isEqualTo("Hey there! I am using WhatsApp.");
        assertBad(get(path, "cora", "15559999999", ""), 404, "not on WhatsApp");
        assertBad(get(path, "cora", "hello", ""), 400, "contactId");
    }

    @Test
    void aBlockedContactIsNotDeliveredToAndCannotBeWrittenTo() {
        String block = "/v1/sessions/{session}/contacts/{contactId}/block";
        String unblock = "/v1/sessions/{session}/contacts/{contactId}/unblock";
        var before = api().post("/v1/sendText", Map.of("session", "dan", "chatId", EVA, "text", "before"));
        assertThat(before.status()).as(before.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> texts("eva", DAN).contains("before"));
        var blocked = post(block, "dan", EVA);
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        assertThat(blocked.json().path("id").asText()).isEqualTo(EVA + "@c.us");
        assertThat(blocked.json().path("blocked").asBoolean()).isTrue();
        assertThat(post(block, "dan", EVA + "@c.us").status()).isEqualTo(200); // idempotent
        assertThat(ids(blocklist("dan"))).containsExactly(EVA + "@c.us");
        assertThat(ids(blocklist("eva"))).isEmpty();

        // the blocker cannot write to the blocked contact
        var refused = api().post("/v1/sendText", Map.of("session", "dan", "chatId", EVA, "text", "hi"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("unblock");
        // the blocked contact can send, but it is never delivered; nor does it see the blocker's picture or about
        var lost = api().post("/v1/sendText", Map.of("session", "eva", "chatId", DAN, "text", "lost"));
        assertThat(lost.status()).as(lost.toString()).isEqualTo(201);
        assertBad(get("/v1/sessions/{session}/contacts/{contactId}/picture", "eva", DAN, ""), 404, "does not show it");
        assertBad(get("/v1/sessions/{session}/contacts/{contactId}/about", "eva", DAN, ""), 404, "does not show it");

        // nor do its reactions
        String seenByEva = "false_" + DAN + "@c.us_" + before.json().path("id").asText().split("_")[2];
        var reacted = api().put("/v1/reaction", Map.of("session", "eva", "messageId", seenByEva, "reaction", "👍"));
        assertThat(reacted.status()).as(reacted.toString()).isEqualTo(200);

        var unblocked = post(unblock, "dan", EVA);
        assertThat(unblocked.status()).as(unblocked.toString()).isEqualTo(200);
        assertThat(unblocked.json().path("blocked").asBoolean()).isFalse();
        assertThat(ids(blocklist("dan"))).isEmpty();
        var kept = api().post("/v1/sendText", Map.of("session", "eva", "chatId", DAN, "text", "kept"));
        assertThat(kept.status()).isEqualTo(201);
        // one delivery thread in chat order: had "lost" (or the reaction) been delivered, it would be there before "kept"
        await().atMost(Duration.ofSeconds(20)).until(() -> texts("dan", EVA).contains("kept"));
        assertThat(texts("dan", EVA)).containsExactlyInAnyOrder("before", "kept");
        var danHas = api().get("/v1/messages?session=dan&chatId=" + EVA).json();
        danHas.forEach(m -> assertThat(m.path("reactions").isMissingNode() || m.path("reactions").isEmpty())
                .as(m.toString()).isTrue());
        assertThat(api().get("/v1/messages?session=eva&chatId=" + DAN).json().findValuesAsText("body"))
                .contains("lost", "kept");
        assertThat(api().post("/v1/sendText", Map.of("session", "dan", "chatId", EVA, "text", "back")).status())
                .isEqualTo(201);
    }

    @Test
    void badBlocks() {
        String block = "/v1/sessions/{session}/contacts/{contactId}/block";
        assertBad(post(block, "cora", CORA), 400, "itself");
        assertBad(post(block, "cora", "120363000000000001@g.us"), 400, "must name a person");
        assertBad(post(block, "cora", "15559999999"), 404, "not on WhatsApp");
        assertBad(post("/v1/sessions/{session}/contacts/{contactId}/unblock", "ghost", ECHO), 404, "ghost");
        Sessions.linked(api(), "cidle", "15556670009");
        api().post("/v1/sessions/cidle/stop", null);
        assertBad(post(block, "cidle", ECHO), 409, "STOPPED");
        assertBad(get("/v1/sessions/{session}/blocklist", "cidle", "", ""), 409, "STOPPED");
        assertBad(get("/v1/sessions/{session}/contacts/{contactId}/picture", "cidle", ECHO, ""), 409, "STOPPED");
        assertBad(get("/v1/sessions/{session}/contacts/{contactId}/about", "cidle", ECHO, ""), 409, "STOPPED");
        // what was stored stays listed while the session is stopped
        assertThat(contacts("cidle", "").size()).isGreaterThanOrEqualTo(2);
    }

    private static List<String> texts(String session, String chatId) {
        return api().get("/v1/messages?session=" + session + "&chatId=" + chatId).json().findValuesAsText("body");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
