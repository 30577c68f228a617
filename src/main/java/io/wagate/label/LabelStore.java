package io.wagate.label;

import io.wagate.engine.EngineEvent;
import io.wagate.ids.ChatId;
import io.wagate.store.WriteQueue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The labels and chat_labels tables: a business account's labels and the chats carrying them, as the engine
 * reported them. Writes go through the {@link WriteQueue}, in order with the events they follow.
 */
public final class LabelStore {
    private final Jdbi jdbi;
    private final WriteQueue writes;

    public LabelStore(Jdbi jdbi, WriteQueue writes) {
        this.jdbi = jdbi;
        this.writes = writes;
    }

    void upsert(String sessionId, EngineEvent.Label label, long atMillis) {
        writes.submit(h -> h.createUpdate("""
                        INSERT INTO labels (session_id, label_id, name, color, updated_at)
                        VALUES (:sessionId, :labelId, :name, :color, :at)
                        ON CONFLICT (session_id, label_id) DO UPDATE SET name = EXCLUDED.name, color = EXCLUDED.color,
                            updated_at = EXCLUDED.updated_at""")
                .bind("sessionId", sessionId)
                .bind("labelId", label.id())
                .bind("name", label.name())
                .bind("color", label.color())
                .bind("at", atMillis)
                .execute());
    }

    /** The label is gone, and so are its marks on chats. */
    void deleted(String sessionId, String labelId) {
        writes.submit(h -> {
            h.createUpdate("DELETE FROM chat_labels WHERE session_id = :sessionId AND label_id = :labelId")
                    .bind("sessionId", sessionId).bind("labelId", labelId).execute();
            h.createUpdate("DELETE FROM labels WHERE session_id = :sessionId AND label_id = :labelId")
                    .bind("sessionId", sessionId).bind("labelId", labelId).execute();
        });
    }

    void chat(String sessionId, String labelId, ChatId chatId, boolean added, long atMillis) {
        writes.submit(h -> (added ? h.createUpdate("""
                        INSERT INTO chat_labels (session_id, label_id, chat_id, updated_at)
                        VALUES (:sessionId, :labelId, :chatId, :at) ON CONFLICT (session_id, label_id, chat_id) DO NOTHING""")
                        .bind("at", atMillis)
                : h.createUpdate("DELETE FROM chat_labels WHERE session_id = :sessionId AND label_id = :labelId"
                        + " AND chat_id = :chatId"))
                .bind("sessionId", sessionId)
                .bind("labelId", labelId)
                .bind("chatId", chatId.value())
                .execute());
    }

    /** The session's labels, in WhatsApp's order (by id, numerically where ids are numbers). */
    public List<Label> list(String sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT label_id, name, color FROM labels WHERE session_id = :sessionId")
                .bind("sessionId", sessionId)
                .map((rs, ctx) -> Label.of(rs.getString("label_id"), rs.getString("name"), rs.getInt("color")))
                .list()).stream().sorted(LabelStore::byId).toList();
    }

    public Optional<Label> find(String sessionId, String labelId) {
        return list(sessionId).stream().filter(l -> l.id().equals(labelId)).findFirst();
    }

    /** The chats carrying the label, by id. */
    public List<String> chatsOf(String sessionId, String labelId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT chat_id FROM chat_labels WHERE session_id = :sessionId AND label_id = :labelId
                        ORDER BY chat_id""")
                .bind("sessionId", sessionId)
                .bind("labelId", labelId)
                .mapTo(String.class)
                .list());
    }

    /** Each of the chats' labels (chats without any are left out). */
    public Map<String, List<Label>> labelsOf(String sessionId, Collection<String> chatIds) {
        if (chatIds.isEmpty()) {
            return Map.of();
        }
        var byId = new LinkedHashMap<String, Label>();
        list(sessionId).forEach(l -> byId.put(l.id(), l));
        var result = new LinkedHashMap<String, List<Label>>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT chat_id, label_id FROM chat_labels WHERE session_id = :sessionId AND chat_id IN (<chats>)""")
                .bind("sessionId", sessionId)
                .bindList("chats", List.copyOf(chatIds))
                .map((rs, ctx) -> Map.entry(rs.getString("chat_id"), rs.getString("label_id")))
                .forEach(e -> Optional.ofNullable(byId.get(e.getValue())).ifPresent(label ->
                        result.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(label))));
        result.replaceAll((chat, labels) -> labels.stream().sorted(LabelStore::byId).toList());
        return result;
    }

    private static int byId(Label a, Label b) {
        return idOrder(a.id(), b.id());
    }

    static int idOrder(String a, String b) {
        boolean numbers = a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)
                && !a.isEmpty() && !b.isEmpty();
        return numbers ? new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)) : a.compareTo(b);
    }
}
