package io.wagate.simple;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.ids.ChatId;
import io.wagate.message.MessageIds;
import java.util.List;

/** What the simple API answers: {@code {success, message, messageId, key}}, for media {@code {success, sent, messages, keys}}. */
public final class SimpleReplies {
    private SimpleReplies() {}

    /**
     * A message key as Baileys (the original's engine) gives it: a person's chat is
     * {@code <digits>@s.whatsapp.net}; {@code participant} only on others' messages in groups.
     */
    public record Key(String remoteJid, boolean fromMe, String id,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String participant) {
        static Key of(String serializedId) {
            var key = MessageIds.parse(serializedId, "id");
            return new Key(jid(key.chatId()), key.fromMe(), key.id(), key.participant().map(Key::jid).orElse(null));
        }

        private static String jid(ChatId chatId) {
            return chatId.phone().map(phone -> phone + "@s.whatsapp.net").orElse(chatId.value());
        }
    }

    /** A text, location, poll, reaction or deletion done: {@code messageId} is the serialized id of the message. */
    public record Done(boolean success, String message, String messageId, Key key) {
        static Done of(String message, String serializedId) {
            return new Done(true, message, serializedId, Key.of(serializedId));
        }
    }

    /** Files sent, one message each, in the order they were uploaded. */
    public record MediaSent(boolean success, int sent, List<String> messages, List<Key> keys) {
        static MediaSent of(List<String> serializedIds) {
            return new MediaSent(true, serializedIds.size(), List.copyOf(serializedIds),
                    serializedIds.stream().map(Key::of).toList());
        }
    }

    /** {@code participants} is how many members the group has. */
    public record GroupSummary(ChatId id, String name, int participants) {}

    public record Groups(List<GroupSummary> groups) {}
}
