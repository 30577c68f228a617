package io.wagate.waha;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wagate.message.Message;
import java.util.List;
import java.util.Map;

/**
 * WAHA's WAMessage, made from wagate's message. Ids need no mapping: wagate's are WAHA's serialized form
 * ({@code {fromMe}_{chatId}_{id}[_{participant}]}). {@code participant} and {@code mediaUrl} are absent from WAHA's
 * answers where they do not apply but required strings in its schema: here they are then {@code ""} (a client's
 * {@code if (message.participant)} still tells a group member's message). Coordinates are strings, as WAHA's
 * WALocation has them. {@code _data} (WAHA's raw engine message) holds wagate's own message, its type and
 * delivery details included.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WahaMessage(String id, long timestamp, String from, boolean fromMe, String source, String to,
                   String participant, String body, boolean hasMedia, WaMedia media, String mediaUrl, int ack,
                   String ackName, String author, Location location,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> vCards,
                   @JsonProperty("_data") Message data, ReplyTo replyTo) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WaMedia(String url, String mimetype, String filename) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Location(String latitude, String longitude, boolean live, String name, String address) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReplyTo(String id, String body, boolean hasMedia) {}

    static WahaMessage of(Message m) {
        var media = m.media() == null ? null : new WaMedia(m.media().url(), m.media().mimetype(), m.media().filename());
        String mediaUrl = media == null || media.url() == null ? "" : media.url();
        var location = m.location() == null ? null : new Location(String.valueOf(m.location().latitude()),
                String.valueOf(m.location().longitude()), false, m.location().title(), m.location().address());
        var reply = m.replyTo() == null ? null : new ReplyTo(m.replyTo().id(), m.replyTo().body(), false);
        String participant = m.participant() == null ? "" : m.participant();
        return new WahaMessage(m.id(), m.timestamp(), m.from(), m.fromMe(), m.source(), m.to(), participant,
                m.body() == null ? "" : m.body(), m.hasMedia(), media, mediaUrl, m.ack(), m.ackName(),
                m.participant(), location, m.vCards(), m, reply);
    }

    static List<WahaMessage> of(List<Message> messages) {
        return messages.stream().map(WahaMessage::of).toList();
    }

    /** WAHA's answer where it has only a result flag. */
    static Map<String, Boolean> success() {
        return Map.of("success", true);
    }
}
