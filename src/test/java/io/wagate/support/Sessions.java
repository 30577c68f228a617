package io.wagate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** Session steps many tests share: create one, wait for a status. */
public final class Sessions {
    private Sessions() {}

    /** Creates a sandbox session and returns the create response body (with its apiKey). */
    public static JsonNode create(Api api, String name) {
        var response = api.post("/v1/sessions", Map.of("name", name, "engine", "sandbox"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Waits until the session shows {@code status} and returns the session object then. */
    public static JsonNode awaitStatus(Api api, String name, String status) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25))
                .until(() -> api.get("/v1/sessions/" + name).json(),
                        session -> status.equals(session.path("status").asText()));
    }

    /** Creates a session and links it at once to {@code phone} with a pairing code (needs a sandbox without auto-link). */
    public static JsonNode linked(Api api, String name, String phone) {
        var created = create(api, name);
        awaitStatus(api, name, "SCAN_QR_CODE");
        var code = api.post("/v1/" + name + "/auth/pairing-code", Map.of("phoneNumber", phone));
        assertThat(code.status()).as(code.toString()).isEqualTo(200);
        awaitStatus(api, name, "WORKING");
        return created;
    }

    /**
     * Waits for {@code session}'s copy of the message with WhatsApp id {@code waId} in {@code chatId} (a copy's
     * id holds {@code _<waId>}) to satisfy {@code check}, and returns it.
     */
    public static JsonNode awaitCopy(Api api, String session, String chatId, String waId,
                                     java.util.function.Predicate<JsonNode> check) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() -> {
            for (var message : api.get("/v1/messages?session=" + session + "&chatId=" + chatId).json()) {
                if (message.path("id").asText().contains("_" + waId)) {
                    return message;
                }
            }
            return null;
        }, m -> m != null && check.test(m));
    }
}
