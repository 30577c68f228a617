package io.wagate.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.message.Message;

/**
 * One status as the list shows it. {@code id}: the message id (serialized, as for messages; its media is at
 * {@code media.url}); {@code from}: the poster; {@code timestamp} and {@code expiresAt} in seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Status(String id, String from, boolean fromMe, String type, String body, Message.Media media,
                     long timestamp, long expiresAt) {

    static Status of(Message message) {
        return new Status(message.id(), message.participant() != null ? message.participant() : message.from(),
                message.fromMe(), message.type(), message.body(), message.media(), message.timestamp(),
                message.timestamp() + StatusService.LIFETIME.toSeconds());
    }
}
