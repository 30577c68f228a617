package io.wagate.engine.sandbox;

import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.ids.ChatId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one session received and has not read (by chat) or, for voice notes, not played yet: what
 * its read receipts then name. Guarded by the session's lock. Bounded: a chat nobody reads would
 * otherwise keep every id it ever received; a sendSeen without ids reads the latest
 * {@value #UNREAD_PER_CHAT} of a chat (named ids are read whatever their age).
 */
final class SandboxReceipts {
    static final int UNREAD_PER_CHAT = 1_000;
    private static final int UNPLAYED = 10_000;

    /** The ids a sendSeen reads, and those of them it plays. */
    record Seen(List<String> read, List<String> played) {}

    private final Map<ChatId, Set<String>> unread = new HashMap<>();
    private final Set<String> unplayed = new LinkedHashSet<>();

    void received(EngineMessage incoming) {
        var chat = unread.computeIfAbsent(incoming.key().chatId(), c -> new LinkedHashSet<>());
        chat.add(incoming.key().id());
        dropOldest(chat, UNREAD_PER_CHAT);
        if (incoming.type() == EngineMessage.Type.VOICE) {
            unplayed.add(incoming.key().id());
            dropOldest(unplayed, UNPLAYED);
        }
    }

    private static void dropOldest(Set<String> ids, int keep) {
        if (ids.size() > keep) {
            var oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Without ids: every unread message of the chat, none played. Named voice notes are played. */
    Seen seen(ChatId chatId, List<MessageKey> messages) {
        var pending = unread.computeIfAbsent(chatId, c -> new LinkedHashSet<>());
        List<String> read = messages.isEmpty() ? List.copyOf(pending)
                : messages.stream().filter(k -> !k.fromMe()).map(MessageKey::id).toList();
        read.forEach(pending::remove);
        List<String> played = messages.isEmpty() ? List.of() : read.stream().filter(unplayed::remove).toList();
        return new Seen(read, played);
    }

    /** How many of the chat's messages are unread. */
    int unread(ChatId chatId) {
        var pending = unread.get(chatId);
        return pending == null ? 0 : pending.size();
    }

    void clear() {
        unread.clear();
        unplayed.clear();
    }
}
