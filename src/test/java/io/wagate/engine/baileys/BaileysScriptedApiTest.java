package io.wagate.engine.baileys;

import static io.wagate.engine.baileys.ScriptedBridge.ME;
import static io.wagate.engine.baileys.ScriptedBridge.MEMBER_GROUP;
import static io.wagate.engine.baileys.ScriptedBridge.OWNED_GROUP;
import static io.wagate.engine.baileys.ScriptedBridge.PEER;
import static io.wagate.engine.baileys.ScriptedBridge.PUBLIC_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.wagate.config.Config;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Baileys engine end to end over HTTP, on the scripted WhatsApp of bridge/scripted: channels,
 * group pictures and group delete, link previews made by Java, poll votes sent and received.
 */
class BaileysScriptedApiTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c
            .withBaileys(ScriptedBridge.config()).withMedia(privateTargetsAllowed(c.media()))));
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String SESSION = "bx";
    private static final String CHANNELS = "/v1/sessions/bx/channels";

    /** Local pages for link previews (the operator allows private targets in this server). */
    private static HttpServer pages;
    private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    static Config.MediaConfig privateTargetsAllowed(Config.MediaConfig media) {
        return new Config.MediaConfig(media.maxImageBytes(), media.maxVideoBytes(), media.maxAudioBytes(),
                media.maxDocumentBytes(), true, media.downloadTimeout());
    }

    @BeforeAll
    static void start() throws IOException {
        ScriptedBridge.working(api(), SESSION);
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page("/og", "text/html; charset=utf-8", """
                <html><head><title>Not this one</title>
                <meta property="og:title" content="Wagate &amp; friends &#8212; &#x1F600;">
                <meta content='What the page is about' name=description>
                <meta property="og:description" content="The  Open Graph
                   description"></head><body>hi</body></html>""");
        page("/plain", "text/html", "<html><head><TITLE>\n  Just a title </TITLE></head></html>");
        page("/latin", "text/html; charset=ISO-8859-1", "<title>Caf\u00e9</title>");
        page("/file.pdf", "application/pdf", "%PDF-1.4");
        pages.start();
    }

    @AfterAll
    static void stop() {
        pages.stop(0);
    }

    private static void page(String path, String type, String body) {
        var charset = type.contains("8859") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        pages.createContext(path, exchange -> {
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] bytes = body.getBytes(charset);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private static String pageUrl(String path) {
        return "http://127.0.0.1:" + pages.getAddress().getPort() + path;
    }

    private static Api api() {
        return server.api();
    }

    private static Api.Response checked(String method, String template, Api.Response response) {
        CONTRACT.assertConforms(method, template, response);
        return response;
    }

    private static JsonNode channels() {
        var list = checked("GET", "/v1/sessions/{session}/channels", api().get(CHANNELS));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json();
    }

    private static List<String> ids(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(node -> out.add(node.path("id").asText()));
        return out;
    }

    @Test
    void channelsAreCreatedListedFollowedPreviewedPostedToAndDeleted() {
        var created = checked("POST", "/v1/sessions/{session}/channels",
                api().post(CHANNELS, Map.of("name", "Mine", "description", "My channel")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String mine = created.json().path("id").asText();
        assertThat(mine).endsWith("@newsletter");
        assertThat(created.json().path("role").asText()).isEqualTo("OWNER");
        assertThat(created.json().path("description").asText()).isEqualTo("My channel");
        assertThat(created.json().path("invite").asText()).startsWith("https://whatsapp.com/channel/");
        assertThat(ids(channels())).containsExactly(mine);

        var followed = checked("POST", "/v1/sessions/{session}/channels/{id}/follow",
                api().post(CHANNELS + "/" + PUBLIC_CHANNEL + "/follow", Map.of()));
        assertThat(followed.status()).as(followed.toString()).isEqualTo(200);
        assertThat(followed.json().path("role").asText()).isEqualTo("SUBSCRIBER");
        assertThat(followed.json().path("subscribersCount").asLong()).isEqualTo(11);
        assertThat(followed.json().path("name").asText()).isEqualTo("Wagate News");
        // Oldest first: the public channel was made long before.
        assertThat(ids(channels())).containsExactly(PUBLIC_CHANNEL, mine);

        var got = checked("GET", "/v1/sessions/{session}/channels/{id}", api().get(CHANNELS + "/" + PUBLIC_CHANNEL));
        assertThat(got.json().path("role").asText()).isEqualTo("SUBSCRIBER");
        var welcome = checked("GET", "/v1/sessions/{session}/channels/{id}/messages/preview",
                api().get(CHANNELS + "/" + PUBLIC_CHANNEL + "/messages/preview?limit=5"));
        assertThat(welcome.status()).as(welcome.toString()).isEqualTo(200);
        assertThat(welcome.json()).hasSize(1);
        assertThat(welcome.json().get(0).path("body").asText()).isEqualTo("welcome");
        assertThat(welcome.json().get(0).path("fromMe").asBoolean()).isFalse();

        var post = api().post("/v1/sendText", Map.of("session", SESSION, "chatId", mine, "text", "first post"));
        assertThat(post.status()).as(post.toString()).isEqualTo(201);
        var posts = api().get(CHANNELS + "/" + mine + "/messages/preview").json();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).path("body").asText()).isEqualTo("first post");
        assertThat(posts.get(0).path("fromMe").asBoolean()).isTrue();

        var own = checked("POST", "/v1/sessions/{session}/channels/{id}/follow",
                api().post(CHANNELS + "/" + mine + "/follow", Map.of()));
        assertThat(own.status()).as(own.toString()).isEqualTo(409);
        assertThat(own.json().path("message").asText()).contains("you own channel");

        var unfollowed = checked("POST", "/v1/sessions/{session}/channels/{id}/unfollow",
                api().post(CHANNELS + "/" + PUBLIC_CHANNEL + "/unfollow", Map.of()));
        assertThat(unfollowed.status()).as(unfollowed.toString()).isEqualTo(200);
        assertThat(ids(channels())).containsExactly(mine);

        var deleted = checked("DELETE", "/v1/sessions/{session}/channels/{id}", api().delete(CHANNELS + "/" + mine));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(ids(channels())).isEmpty();
        var gone = checked("GET", "/v1/sessions/{session}/channels/{id}", api().get(CHANNELS + "/" + mine));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
    }

    private static String picture(String group) {
        return "/v1/sessions/bx/groups/" + group + "/picture";
    }

    @Test
    void aGroupPictureIsSetReadAndRemoved() throws IOException {
        var image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        var png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        var set = checked("PUT", "/v1/sessions/{session}/groups/{id}/picture", api().put(picture(MEMBER_GROUP),
                Map.of("file", Map.of("data", Base64.getEncoder().encodeToString(png.toByteArray())))));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);

        var got = checked("GET", "/v1/sessions/{session}/groups/{id}/picture",
                api().get(picture(MEMBER_GROUP) + "?format=binary"));
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        assertThat(got.bytes()).startsWith(0xFF, 0xD8, 0xFF);
        var jpeg = ImageIO.read(new ByteArrayInputStream(got.bytes()));
        assertThat(List.of(jpeg.getWidth(), jpeg.getHeight())).containsExactly(32, 24);

        var removed = checked("DELETE", "/v1/sessions/{session}/groups/{id}/picture", api().delete(picture(MEMBER_GROUP)));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        var none = checked("GET", "/v1/sessions/{session}/groups/{id}/picture", api().get(picture(MEMBER_GROUP)));
        assertThat(none.status()).as(none.toString()).isEqualTo(404);
        assertThat(none.json().path("message").asText()).contains("has no picture");
    }

    @Test
    void onlyTheOwnerDeletesAGroup_byRemovingEveryoneElseAndLeaving() {
        String template = "/v1/sessions/{session}/groups/{id}";
        var refused = checked("DELETE", template, api().delete("/v1/sessions/bx/groups/" + MEMBER_GROUP));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("only the owner");

        var deleted = checked("DELETE", template, api().delete("/v1/sessions/bx/groups/" + OWNED_GROUP));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api().get("/v1/sessions/bx/groups/" + OWNED_GROUP).status()).isEqualTo(404);
        assertThat(ids(api().get("/v1/sessions/bx/groups").json())).contains(MEMBER_GROUP).doesNotContain(OWNED_GROUP);
    }

    private static Api.Response sendText(String text, boolean linkPreview) {
        var sent = checked("POST", "/v1/sendText", api().post("/v1/sendText",
                Map.of("session", SESSION, "chatId", PEER, "text", text, "linkPreview", linkPreview)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent;
    }

    @Test
    void linkPreviewsAreMadeFromThePageByJavaAndSentWithTheText() {
        var og = sendText("see " + pageUrl("/og") + ", it is good", true).json().path("linkPreview");
        assertThat(og.path("url").asText()).isEqualTo(pageUrl("/og"));
        assertThat(og.path("title").asText()).isEqualTo("Wagate & friends \u2014 \uD83D\uDE00");
        assertThat(og.path("description").asText()).isEqualTo("The Open Graph description");

        var plain = sendText(pageUrl("/plain"), true).json().path("linkPreview");
        assertThat(plain.path("title").asText()).isEqualTo("Just a title");
        assertThat(plain.path("description").isMissingNode() || plain.path("description").isNull()).isTrue();
        assertThat(sendText(pageUrl("/latin"), true).json().path("linkPreview").path("title").asText())
                .isEqualTo("Caf\u00e9");

        // Not a page, nothing there, or no preview wanted: the text goes without one.
        assertThat(sendText(pageUrl("/file.pdf"), true).json().has("linkPreview")).isFalse();
        assertThat(sendText(pageUrl("/missing"), true).json().has("linkPreview")).isFalse();
        int before = hits.getOrDefault("/og", new AtomicInteger()).get();
        assertThat(sendText(pageUrl("/og"), false).json().has("linkPreview")).isFalse();
        assertThat(hits.get("/og").get()).isEqualTo(before);
    }

    private static JsonNode storedPoll(String pollId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    for (JsonNode message : api().get("/v1/messages?session=bx&chatId=" + PEER + "&limit=100").json()) {
                        if (message.path("id").asText().equals(pollId)) {
                            return message;
                        }
                    }
                    return null;
                }, message -> message != null);
    }

    static List<String> voters(JsonNode poll, String option) {
        var out = new ArrayList<String>();
        for (JsonNode tally : poll.path("poll").path("votes")) {
            if (tally.path("option").asText().equals(option)) {
                tally.path("voters").forEach(v -> out.add(v.asText()));
            }
        }
        return out;
    }

    @Test
    void aPollIsVotedOnByTheSessionAndItsContact() {
        var poll = checked("POST", "/v1/sendPoll", api().post("/v1/sendPoll", Map.of("session", SESSION, "chatId", PEER,
                "poll", Map.of("name", "Lunch?", "options", List.of("Pizza", "Sushi"), "multipleAnswers", false))));
        assertThat(poll.status()).as(poll.toString()).isEqualTo(201);
        String pollId = poll.json().path("id").asText();
        storedPoll(pollId);

        var voted = checked("POST", "/v1/sendPollVote", api().post("/v1/sendPollVote",
                Map.of("session", SESSION, "chatId", PEER, "pollMessageId", pollId, "votes", List.of("Sushi"))));
        assertThat(voted.status()).as(voted.toString()).isBetween(200, 201);
        assertThat(voters(voted.json(), "Sushi")).containsExactly(ME);

        String waId = pollId.substring(pollId.lastIndexOf('_') + 1);
        sendText("!vote " + waId + " Pizza", false);
        var counted = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> storedPoll(pollId), message -> voters(message, "Pizza").contains(PEER));
        assertThat(voters(counted, "Sushi")).containsExactly(ME);
    }
}
