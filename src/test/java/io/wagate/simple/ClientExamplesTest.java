package io.wagate.simple;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.Multipart;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simple API as its usual clients call it, byte for byte the way they send it: the browser's
 * {@code fetch} with {@code JSON.stringify} and {@code FormData}, and Python's {@code requests} with
 * {@code json=}, {@code data=} and {@code files=}. The recipient session must have the text, the
 * photos (caption, view-once), the reaction and the deletion.
 */
class ClientExamplesTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final ObjectMapper JSON = new ObjectMapper();

    static final String SENDER = "15559990001";
    static final String RECIPIENT = "15559990002";
    static Api api;
    /** The same key, from a client that says it is Python's requests. */
    static Api python;

    @BeforeAll
    static void link() {
        String key = Sessions.linked(server.api(), "sender", SENDER).path("apiKey").asText();
        api = server.api(key);
        python = api.anonymous().withHeader("X-API-Key", key).withHeader("User-Agent", "python-requests/2.32.3");
        Sessions.linked(server.api(), "recipient", RECIPIENT);
    }

    static JsonNode success(String endpoint, Api.Response response) {
        assertThat(response.status()).as(endpoint + " -> " + response).isEqualTo(200);
        CONTRACT.assertConforms("POST", endpoint, response);
        assertThat(response.json().path("success").asBoolean()).isTrue();
        return response.json();
    }

    /** fetch(url, {method: 'POST', headers: {'X-API-Key': apiKey, 'Content-Type': 'application/json'}, body: JSON.stringify(data)}) */
    static JsonNode fetchJson(String endpoint, String stringified) {
        return success(endpoint, api.send("POST", endpoint, stringified, "application/json"));
    }

    /** fetch(url, {method: 'POST', headers: {'X-API-Key': apiKey}, body: formData}): the browser sets the boundary. */
    static JsonNode fetchForm(String endpoint, Multipart formData) {
        return success(endpoint, api.post(endpoint, formData.bytes(), formData.contentType()));
    }

    /** requests.post(url, headers={'X-API-Key': API_KEY}, json=payload): json.dumps puts a space after ':' and ','. */
    static JsonNode pythonJson(String endpoint, String dumped) {
        return success(endpoint, python.send("POST", endpoint, dumped, "application/json"));
    }

    static JsonNode recipientsCopy(String waId, java.util.function.Predicate<JsonNode> check) {
        return Sessions.awaitCopy(server.api(), "recipient", SENDER, waId, check);
    }

    @Test
    void theFetchExamples() {
        // Send Text Message
        var text = fetchJson("/api/whatsapp/send/text",
                "{\"number\":\"" + RECIPIENT + "\",\"message\":\"Hello from the WhatsApp API!\"}");
        assertThat(text.path("message").asText()).isEqualTo("Message sent successfully");
        String textId = text.path("key").path("id").asText();
        assertThat(recipientsCopy(textId, m -> true).path("body").asText()).isEqualTo("Hello from the WhatsApp API!");

        // Send Photo: formData.append('number', …); formData.append('photos', fileInput.files[i]) for each; caption; viewOnce
        var formData = Multipart.browser().field("number", RECIPIENT)
                .file("photos", "beach.jpg", "image/jpeg", Fixtures.jpeg())
                .file("photos", "sunset.png", "image/png", Fixtures.png())
                .field("caption", "Check out these photos!").field("viewOnce", "true");
        var photos = fetchForm("/api/whatsapp/send/photo", formData);
        assertThat(photos.path("sent").asInt()).isEqualTo(2);
        for (var key : photos.path("keys")) {
            var copy = recipientsCopy(key.path("id").asText(), m -> true);
            assertThat(copy.path("type").asText()).isEqualTo("image");
            assertThat(copy.path("body").asText()).isEqualTo("Check out these photos!");
            assertThat(copy.path("media").path("viewOnce").asBoolean()).isTrue();
        }

        // Add Reaction, naming the message by the messageId the send answered
        var reaction = fetchJson("/api/whatsapp/message/react", "{\"number\":\"" + RECIPIENT
                + "\",\"messageKey\":\"" + text.path("messageId").asText() + "\",\"emoji\":\"👍\"}");
        assertThat(reaction.path("message").asText()).isEqualTo("Reaction sent successfully");
        recipientsCopy(textId, m -> m.path("reactions").toString().contains("\"text\":\"👍\""));

        // Delete Message
        fetchJson("/api/whatsapp/message/delete", "{\"number\":\"" + RECIPIENT + "\",\"messageKey\":\""
                + text.path("messageId").asText() + "\"}");
        recipientsCopy(textId, m -> m.path("type").asText().equals("revoked"));

        // Get Groups
        var groups = api.get("/api/whatsapp/get/groups");
        assertThat(groups.status()).isEqualTo(200);
        CONTRACT.assertConforms("GET", "/api/whatsapp/get/groups", groups);
        assertThat(groups.json().path("groups").isArray()).isTrue();
    }

    @Test
    void thePythonRequestsExamples() throws Exception {
        var text = pythonJson("/api/whatsapp/send/text",
                "{\"number\": \"" + RECIPIENT + "\", \"message\": \"Hello from Python!\"}");
        String textId = text.path("key").path("id").asText();
        recipientsCopy(textId, m -> m.path("body").asText().equals("Hello from Python!"));

        // files = [('photos', ('photo1.jpg', open(…, 'rb'), 'image/jpeg')), …]; data = {'number': …, 'caption': …,
        // 'viewOnce': True}: requests writes the data fields first, and True as "True"
        var form = Multipart.pythonRequests().field("number", RECIPIENT).field("caption", "Photos from Python")
                .field("viewOnce", "True")
                .file("photos", "photo1.jpg", "image/jpeg", Fixtures.jpeg())
                .file("photos", "photo2.jpg", "image/jpeg", Fixtures.jpeg());
        var photos = success("/api/whatsapp/send/photo",
                python.post("/api/whatsapp/send/photo", form.bytes(), form.contentType()));
        assertThat(photos.path("messages")).hasSize(2);
        for (var key : photos.path("keys")) {
            var copy = recipientsCopy(key.path("id").asText(), m -> true);
            assertThat(copy.path("body").asText()).isEqualTo("Photos from Python");
            assertThat(copy.path("media").path("viewOnce").asBoolean()).isTrue();
            assertThat(copy.path("media").path("mimetype").asText()).isEqualTo("image/jpeg");
        }

        // the key object the send answered, passed back as it came: response.json()['key']
        String key = JSON.writeValueAsString(text.path("key"));
        pythonJson("/api/whatsapp/message/react", "{\"number\": \"" + RECIPIENT + "\", \"messageKey\": " + key
                + ", \"emoji\": \"❤️\"}");
        recipientsCopy(textId, m -> m.path("reactions").toString().contains("❤️"));
        pythonJson("/api/whatsapp/message/react", "{\"number\": \"" + RECIPIENT + "\", \"messageKey\": " + key
                + ", \"emoji\": \"\"}");
        recipientsCopy(textId, m -> !m.has("reactions"));

        pythonJson("/api/whatsapp/message/delete", "{\"number\": \"" + RECIPIENT + "\", \"messageKey\": " + key + "}");
        recipientsCopy(textId, m -> m.path("type").asText().equals("revoked"));

        // Send Location and Send Poll as the reference tables give them
        var location = pythonJson("/api/whatsapp/send/location", "{\"number\": \"" + RECIPIENT
                + "\", \"location\": {\"degreesLatitude\": 40.7128, \"degreesLongitude\": -74.0060}}");
        var pin = recipientsCopy(location.path("key").path("id").asText(), m -> true).path("location");
        assertThat(pin.path("latitude").asDouble()).isEqualTo(40.7128);
        assertThat(pin.path("longitude").asDouble()).isEqualTo(-74.006);
        var poll = pythonJson("/api/whatsapp/send/poll", "{\"number\": \"" + RECIPIENT
                + "\", \"name\": \"Favorite color?\", \"values\": [\"Red\", \"Blue\", \"Green\"], \"selectableCount\": 1}");
        assertThat(recipientsCopy(poll.path("key").path("id").asText(), m -> true).path("poll").path("options"))
                .hasSize(3);
    }
}
