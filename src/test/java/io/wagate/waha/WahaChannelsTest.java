package io.wagate.waha;

import static io.wagate.waha.WahaDocument.assertAnswers;
import static io.wagate.waha.WahaDocument.exampleOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WAHA's Channels operations against WAHA's document, between sandbox sessions. */
class WahaChannelsTest {
    private static final String CHANNELS = "/api/{session}/channels";
    private static final String CHANNEL = CHANNELS + "/{id}";

    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);

    private static Api api() {
        return server.get().api();
    }

    @BeforeAll
    static void link() {
        Sessions.linked(api(), "pub", "15556660001");
        Sessions.linked(api(), "fan", "15556660002");
    }

    @Test
    void aChannelIsCreatedFollowedPreviewedAndDeleted() {
        var created = assertAnswers(api().post("/api/pub/channels", exampleOf("post", CHANNELS, Map.of())), "POST",
                CHANNELS, 201);
        String id = created.path("id").asText();
        assertThat(created.path("role").asText()).isEqualTo("OWNER");
        assertThat(created.path("name").asText()).isEqualTo("Channel Name");
        var owned = assertAnswers(api().get("/api/pub/channels?role=OWNER"), "GET", CHANNELS, 200);
        assertThat(owned).extracting(c -> c.path("id").asText()).contains(id);
        assertThat(assertAnswers(api().get("/api/pub/channels?role=GUEST"), "GET", CHANNELS, 200)).isEmpty();

        String channel = "/api/fan/channels/" + id;
        assertThat(assertAnswers(api().get(channel), "GET", CHANNEL, 200).path("role").asText()).isEqualTo("GUEST");
        var followed = assertAnswers(api().post(channel + "/follow", null), "POST", CHANNEL + "/follow", 201);
        assertThat(followed.path("role").asText()).isEqualTo("SUBSCRIBER");

        var post = api().post("/api/sendText", Map.of("session", "pub", "chatId", id, "text", "news"));
        assertThat(post.status()).as(post.toString()).isEqualTo(201);
        var preview = await().atMost(Duration.ofSeconds(15)).until(() -> assertAnswers(
                api().get(channel + "/messages/preview?limit=5"), "GET", CHANNEL + "/messages/preview", 200),
                p -> p.size() == 1);
        assertThat(preview.get(0).path("message").path("body").asText()).isEqualTo("news");

        assertAnswers(api().post(channel + "/unfollow", null), "POST", CHANNEL + "/unfollow", 201);
        assertAnswers(api().delete("/api/pub/channels/" + id), "DELETE", CHANNEL, 200);
    }

    @Test
    void refusalsNameWhatIsWrongOrMissing() {
        var picture = api().post("/api/pub/channels", Map.of("name", "Pictured", "picture",
                Map.of("mimetype", "image/jpeg", "url", "http://127.0.0.1:9/p.jpg")));
        assertThat(picture.status()).as(picture.toString()).isEqualTo(501);
        assertThat(picture.json().path("message").asText()).contains("picture");
        var notAChannel = api().get("/api/pub/channels/15550000001@c.us");
        assertThat(notAChannel.status()).as(notAChannel.toString()).isEqualTo(400);
        assertThat(notAChannel.json().path("message").asText()).contains("id");
        var search = api().get("/api/pub/channels/search/views");
        assertThat(search.status()).isEqualTo(501);
        assertThat(search.json().path("message").asText()).contains("Channels");
    }
}
