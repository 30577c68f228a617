package io.wagate.engine.baileys;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.LabelOperations;
import io.wagate.ids.ChatId;
import java.util.Map;

/**
 * Labels through a session's bridge (bridge/src/labels.js): app-state patches, which Baileys reports back as the
 * label events. The bridge refuses an account whose phone runs WhatsApp rather than WhatsApp Business.
 */
final class BaileysLabels implements LabelOperations {
    private final BaileysSession session;

    BaileysLabels(BaileysSession session) {
        this.session = session;
    }

    @Override
    public void upsert(EngineEvent.Label label) {
        session.call("label.upsert", Map.of("id", label.id(), "name", label.name(), "color", label.color()));
    }

    @Override
    public void delete(EngineEvent.Label label) {
        session.call("label.delete", Map.of("id", label.id(), "name", label.name(), "color", label.color()));
    }

    @Override
    public void labelChat(ChatId chatId, String labelId, boolean added) {
        session.call("label.chat", Map.of("chatId", chatId.value(), "labelId", labelId, "added", added));
    }
}
