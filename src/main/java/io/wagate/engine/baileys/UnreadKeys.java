package io.wagate.engine.baileys;

import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.ids.ChatId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session received and has not read, by chat: the keys a sendSeen without ids names in its read
 * receipts (Baileys reads only messages it is given, and keeps no history). The latest
 * {@value #PER_CHAT} per chat, as the sandbox keeps; forgotten with the process.
 */
final class UnreadKeys {
    static final int PER_CHAT = 1_000;
    private final Map<ChatId, LinkedHashMap<String, MessageKey>> byChat = new HashMap<>();

    synchronized void received(EngineMessage message) {
        MessageKey key = message.key();
        if (key.fromMe()) {
            return;
        }
        var chat = byChat.computeIfAbsent(key.chatId(), c -> new LinkedHashMap<>());
        chat.put(key.id(), key);
        if (chat.size() > PER_CHAT) {
            chat.remove(chat.keySet().iterator().next());
        }
    }

    /** How many of the chat's received messages are unread (of the latest {@value #PER_CHAT}). */
    synchronized int count(ChatId chatId) {
        var chat = byChat.get(chatId);
        return chat == null ? 0 : chat.size();
    }

    /** The keys to read: the named ones, or without names every unread one of the chat; all read from now on. */
    synchronized List<MessageKey> read(ChatId chatId, List<MessageKey> named) {
        var chat = byChat.get(chatId);
        if (named.isEmpty()) {
            byChat.remove(chatId);
            return chat == null ? List.of() : List.copyOf(chat.values());
        }
        if (chat != null) {
            named.forEach(k -> chat.remove(k.id()));
        }
        return named;
    }
}
