package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.util.Optional;

/**
 * Identifies one message: the chat, who sent it and WhatsApp's id; in groups also the sender.
 * Serialized as {@code {fromMe}_{chatId}_{id}[_{participant}]}.
 */
public record MessageKey(ChatId chatId, boolean fromMe, String id, Optional<ChatId> participant) {
    public String serialized() {
        return fromMe + "_" + chatId + "_" + id + participant.map(p -> "_" + p).orElse("");
    }
}
