package io.wagate.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.Me;
import io.wagate.engine.MessageKey;
import io.wagate.error.ApiException;
import io.wagate.http.Json;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00.123Z");
    private final EventEnvelope.Writer writer = new EventEnvelope.Writer(Json.mapper(),
            new EventEnvelope.Environment("1.2.3", "node-a"));

    @Test
    void theEnvelopeHasEveryFieldOfDesignSection8() throws Exception {
        var source = new Event.Source("ses_1", "acc_1", "default", "sandbox", Map.of("team", "sales"),
                Optional.of(new Me(ChatId.of("15551234567@c.us"), "Ann", ChatId.of("12345678@lid"))));
        var event = new Event("evt_01", AT, EventName.MESSAGE_ACK, source, Optional.of(ChatId.of("15557654321@c.us")),
                new EventPayloads.AckPayload("true_15557654321@c.us_ABC", ChatId.of("15551234567@c.us"), ChatId.of("15557654321@c.us"),
                        null, true, 3, "READ", null));

        JsonNode json = Json.mapper().readTree(writer.bytes(event));

        assertThat(json.get("id").asText()).isEqualTo("evt_01");
        assertThat(json.get("timestamp").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(json.get("event").asText()).isEqualTo("message.ack");
        assertThat(json.get("session").asText()).isEqualTo("default");
        assertThat(json.get("metadata").get("team").asText()).isEqualTo("sales");
        assertThat(json.get("me").get("id").asText()).isEqualTo("15551234567@c.us");
        assertThat(json.get("me").get("pushName").asText()).isEqualTo("Ann");
        assertThat(json.get("engine").asText()).isEqualTo("sandbox");
        assertThat(json.get("environment").get("version").asText()).isEqualTo("1.2.3");
        assertThat(json.get("environment").get("node").asText()).isEqualTo("node-a");
        var payload = json.get("payload");
        assertThat(payload.get("ackName").asText()).isEqualTo("READ");
        assertThat(payload.get("ack").asInt()).isEqualTo(3);
        assertThat(payload.has("participant")).as("absent participant is left out").isFalse();
    }

    @Test
    void anUnlinkedSessionHasANullMe() throws Exception {
        var source = new Event.Source("ses_1", "acc_1", "default", "sandbox", Map.of(), Optional.empty());
        var event = new Event("evt_02", AT, EventName.SESSION_STATUS, source, Optional.empty(),
                new EventPayloads.SessionStatus("default", "STARTING",
                        List.of(new EventPayloads.StatusAt("STARTING", AT.toEpochMilli())), null));

        JsonNode json = Json.mapper().readTree(writer.bytes(event));

        assertThat(json.has("me")).isTrue();
        assertThat(json.get("me").isNull()).isTrue();
        assertThat(json.get("payload").get("statuses").get(0).get("status").asText()).isEqualTo("STARTING");
    }

    @Test
    void anEditedMessageIsTheMessageShapePlusTheEditedId() throws Exception {
        var key = new MessageKey(ChatId.of("15557654321@c.us"), true, "ABC", Optional.empty());
        var message = new EngineMessage(key, AT, ChatId.of("15551234567@c.us"), ChatId.of("15557654321@c.us"), EngineMessage.Source.API,
                EngineMessage.Type.TEXT, "new text", Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Ack.SERVER);
        var edited = new EventPayloads.Edited(EventPayloads.message(message, "default"), "true_x_OLD");

        JsonNode json = Json.mapper().valueToTree(edited);

        assertThat(json.get("body").asText()).isEqualTo("new text");
        assertThat(json.get("id").asText()).isEqualTo(key.serialized());
        assertThat(json.get("editedMessageId").asText()).isEqualTo("true_x_OLD");
        assertThat(json.has("message")).as("the message is unwrapped, not nested").isFalse();
    }

    @Test
    void subscriptionsDefaultToMessageAndStarMeansAll() {
        assertThat(EventName.parseAll(null, "events")).containsExactly(EventName.MESSAGE);
        assertThat(EventName.parseAll(List.of("*"), "events")).isEqualTo(EnumSet.allOf(EventName.class));
        assertThat(EventName.parseAll(List.of("message.ack", "session.status"), "events"))
                .containsExactlyInAnyOrder(EventName.MESSAGE_ACK, EventName.SESSION_STATUS);
        assertThat(EventName.values()).hasSize(30);
    }

    @Test
    void anUnknownEventNameIsA400ListingTheValidOnes() {
        assertThatThrownBy(() -> EventName.parseAll(List.of("message.sent"), "events"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("message.sent")
                .hasMessageContaining("message.any")
                .hasMessageContaining("engine.event");
    }
}
